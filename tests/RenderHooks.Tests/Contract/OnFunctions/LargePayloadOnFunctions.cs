using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="LargePayloadContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargePayloadOnFunctions(AzuriteFixture azurite) : LargePayloadContract(new FunctionsContractHosts(azurite), azurite);
