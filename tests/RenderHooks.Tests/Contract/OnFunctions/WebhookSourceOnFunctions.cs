using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="WebhookSourceContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookSourceOnFunctions(AzuriteFixture azurite) : WebhookSourceContract(new FunctionsContractHosts(azurite));
