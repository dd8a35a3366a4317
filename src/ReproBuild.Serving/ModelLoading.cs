using Microsoft.Extensions.Hosting;

namespace ReproBuild.Serving;

/// <summary>Loads the models before the server takes requests (hosted services start first).</summary>
internal sealed class ModelLoading(ModelCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Load();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
