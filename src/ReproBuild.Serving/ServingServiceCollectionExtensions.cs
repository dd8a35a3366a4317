using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReproBuild.Serving;

/// <summary>Registers what <see cref="ServingEndpoints.MapReproBuildServing"/> serves.</summary>
public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Serves every model embedded in <paramref name="assemblies"/> (the assemblies of model projects: for example
    /// <c>typeof(SomeTypeInTheModelProject).Assembly</c>). The models load, digests checked, before the server takes
    /// requests; the service is ready only when all of them loaded.
    /// </summary>
    public static IServiceCollection AddReproBuildServing(this IServiceCollection services, params Assembly[] assemblies) =>
        services.AddReproBuildServing(_ => { }, assemblies);

    /// <summary>As <see cref="AddReproBuildServing(IServiceCollection, Assembly[])"/>, with <see cref="ServingOptions"/> set by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddReproBuildServing(this IServiceCollection services, Action<ServingOptions> configure, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (assemblies is null || assemblies.Length == 0)
        {
            throw new ArgumentException("Name at least one assembly that embeds ReproBuild models.", nameof(assemblies));
        }
        services.Configure(configure);
        services.AddSingleton(provider => new ModelCatalog([.. assemblies.Distinct()], DriftWindowSize(provider), provider.GetRequiredService<ILogger<ModelCatalog>>()));
        services.AddHostedService<ModelLoading>();
        services.AddSingleton<ServingMetrics>();
        services.AddSingleton<PredictionEndpoint>();
        services.AddSingleton<DriftEndpoint>();
        services.AddHealthChecks().AddCheck<ModelsHealthCheck>("models", tags: [ServingEndpoints.ReadyTag]);
        services.AddOpenApi();
        return services;
    }

    private static int DriftWindowSize(IServiceProvider provider)
    {
        var size = provider.GetRequiredService<IOptions<ServingOptions>>().Value.DriftWindowSize;
        return size >= 1 ? size : throw new InvalidOperationException($"ServingOptions.DriftWindowSize is {size}; it must be 1 or more.");
    }
}
