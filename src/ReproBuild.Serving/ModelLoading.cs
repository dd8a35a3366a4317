using Microsoft.Extensions.Hosting;
using Prometheus;

namespace ReproBuild.Serving;

/// <summary>Loads the models before the server takes requests (hosted services start first), and starts the metrics export.</summary>
internal sealed class ModelLoading(ModelCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Load();
        // prometheus-net starts listening to .NET meters at the registry's first collection, not before: without this,
        // every measurement until the first scrape would be lost.
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
