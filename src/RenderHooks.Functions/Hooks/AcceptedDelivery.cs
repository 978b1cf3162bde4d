namespace RenderHooks.Functions.Hooks;

/// <summary>The 200 body of an accepted webhook: <c>{"deliveryId":"…"}</c>, as the server answers.</summary>
/// <param name="DeliveryId">The id of the queued delivery.</param>
public sealed record AcceptedDelivery(string DeliveryId);
