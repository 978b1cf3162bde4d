using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="JobRegistrationContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobRegistrationOnFunctions(AzuriteFixture azurite) : JobRegistrationContract(new FunctionsContractHosts(azurite));
