using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnFunctions;

/// <summary><see cref="DeliveryListingContract"/> against the Functions app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryListingOnFunctions(AzuriteFixture azurite) : DeliveryListingContract(new FunctionsContractHosts(azurite));
