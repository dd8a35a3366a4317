using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReproBuild.Serving.Tests;

/// <summary>
/// ReproBuild.Serving on a real Kestrel listening on 127.0.0.1 at a free port the system picks, set up as the README
/// tells a user to; stopped (within seconds) on dispose.
/// </summary>
internal sealed class ServingHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    /// <summary>The service's own services (its meter factory, to listen to its instruments only).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<ServingHost> StartAsync(Assembly[] assemblies, Action<ServingOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddReproBuildServing(configure ?? (_ => { }), assemblies);
        var app = builder.Build();
        app.MapReproBuildServing();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ServingHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
