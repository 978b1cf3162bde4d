using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract.OnServer;

/// <summary><see cref="DeliveryListingContract"/> against the server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryListingOnServer(AzuriteFixture azurite) : DeliveryListingContract(new ServerContractHosts(azurite));
