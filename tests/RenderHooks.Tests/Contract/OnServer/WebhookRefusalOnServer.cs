using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="WebhookRefusalContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookRefusalOnServer(AzuriteFixture azurite) : WebhookRefusalContract(new ServerContractHosts(azurite));
