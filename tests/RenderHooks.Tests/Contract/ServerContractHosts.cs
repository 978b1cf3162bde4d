using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>Starts the server in process (<see cref="ServerFactory"/>) for the contract cases.</summary>
public sealed class ServerContractHosts(AzuriteFixture azurite) : IContractHosts
{
    public async Task<IContractHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        var server = new ServerFactory(azurite, settings?.ToDictionary(), connectionString);
        var client = connectionString is null ? await server.CreateHealthyClientAsync() : server.CreateClient();
        return new ServerContractHost(server, client);
    }
}
