using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="StorageDownContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageDownOnServer(AzuriteFixture azurite) : StorageDownContract(new ServerContractHosts(azurite));
