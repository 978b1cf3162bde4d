using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="WebhookRefusalContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookRefusalOnFunctions(AzuriteFixture azurite) : WebhookRefusalContract(new FunctionsContractHosts(azurite));
