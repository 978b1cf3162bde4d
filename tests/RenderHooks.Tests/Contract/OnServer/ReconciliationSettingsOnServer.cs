using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="ReconciliationSettingsContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconciliationSettingsOnServer(AzuriteFixture azurite) : ReconciliationSettingsContract(new ServerContractHosts(azurite));
