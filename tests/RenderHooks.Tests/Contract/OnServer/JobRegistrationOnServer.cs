using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="JobRegistrationContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobRegistrationOnServer(AzuriteFixture azurite) : JobRegistrationContract(new ServerContractHosts(azurite));
