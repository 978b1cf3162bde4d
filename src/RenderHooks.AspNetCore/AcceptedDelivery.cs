namespace RenderHooks.AspNetCore;

/// <summary>The 200 body of an accepted webhook: <c>{"deliveryId":"…"}</c>.</summary>
/// <param name="DeliveryId">The id of the queued delivery.</param>
public sealed record AcceptedDelivery(string DeliveryId);
