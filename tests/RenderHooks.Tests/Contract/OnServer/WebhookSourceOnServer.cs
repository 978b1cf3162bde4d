using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="WebhookSourceContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookSourceOnServer(AzuriteFixture azurite) : WebhookSourceContract(new ServerContractHosts(azurite));
