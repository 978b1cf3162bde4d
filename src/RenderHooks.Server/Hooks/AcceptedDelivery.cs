namespace RenderHooks.Server.Hooks;

/// <summary>The 200 body of an accepted webhook.</summary>
internal sealed record AcceptedDelivery(string DeliveryId);
