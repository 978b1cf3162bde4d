using RenderHooks.Tests.FunctionsApp;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>Starts the Functions app in process (<see cref="FunctionsAppHost"/>) for the contract cases.</summary>
public sealed class FunctionsContractHosts(AzuriteFixture azurite) : IContractHosts
{
    public async Task<IContractHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        var names = PipelineNames.Unique(azurite);
        var app = await FunctionsAppHost.StartAsync(connectionString ?? azurite.ConnectionString, names.DeliveriesQueue, FunctionsAppSettings.For(names, settings));
        if (connectionString is null)
        {
            await app.WaitUntilReadyAsync();
        }

        return new FunctionsContractHost(app);
    }
}
