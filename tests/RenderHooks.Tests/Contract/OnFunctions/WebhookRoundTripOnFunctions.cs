using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="WebhookRoundTripContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookRoundTripOnFunctions(AzuriteFixture azurite) : WebhookRoundTripContract(new FunctionsContractHosts(azurite));
