using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReproBuild.Serving;

/// <summary>Ready only when every embedded model loaded and matched its digests; the reasons otherwise.</summary>
internal sealed class ModelsHealthCheck(ModelCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, model) in catalog.Models)
        {
            data[name] = $"loaded, sha256 {model.Sha256}";
        }
        foreach (var (name, reason) in catalog.Failures)
        {
            data[name] = $"not loaded: {reason}";
        }
        var result = !catalog.IsLoaded ? HealthCheckResult.Unhealthy("the models are still loading.", data: data)
            : catalog.IsReady ? HealthCheckResult.Healthy($"{catalog.Models.Count} models loaded and verified.", data)
            : HealthCheckResult.Unhealthy($"{catalog.Failures.Count} of {catalog.Models.Count + catalog.Failures.Count} models did not load.", data: data);
        return Task.FromResult(result);
    }
}
