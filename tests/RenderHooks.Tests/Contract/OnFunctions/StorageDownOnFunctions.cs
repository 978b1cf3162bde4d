using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="StorageDownContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageDownOnFunctions(AzuriteFixture azurite) : StorageDownContract(new FunctionsContractHosts(azurite));
