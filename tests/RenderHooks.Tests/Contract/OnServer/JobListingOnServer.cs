using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="JobListingContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobListingOnServer(AzuriteFixture azurite) : JobListingContract(new ServerContractHosts(azurite));
