using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="LargePayloadContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargePayloadOnServer(AzuriteFixture azurite) : LargePayloadContract(new ServerContractHosts(azurite), azurite);
