using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="ReconciliationSettingsContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconciliationSettingsOnFunctions(AzuriteFixture azurite) : ReconciliationSettingsContract(new FunctionsContractHosts(azurite));
