using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="JobListingContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobListingOnFunctions(AzuriteFixture azurite) : JobListingContract(new FunctionsContractHosts(azurite));
