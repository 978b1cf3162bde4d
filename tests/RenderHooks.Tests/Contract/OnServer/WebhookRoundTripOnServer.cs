using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="WebhookRoundTripContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookRoundTripOnServer(AzuriteFixture azurite) : WebhookRoundTripContract(new ServerContractHosts(azurite));
