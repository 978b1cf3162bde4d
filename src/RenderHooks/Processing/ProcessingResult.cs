namespace RenderHooks.Processing;

/// <summary>The result of processing one queue message.</summary>
/// <param name="Outcome">What the delivery amounted to.</param>
/// <param name="DeliveryId">The delivery's id, when the message was an envelope.</param>
/// <param name="PublishedEventId">The event this processing published, if it published one.</param>
/// <param name="Reason">Why the delivery was unparseable, unreadable or rejected; for a delivery that counted, what of its payload was left out (null when nothing was).</param>
public sealed record ProcessingResult(ProcessingOutcome Outcome, string? DeliveryId, string? PublishedEventId, string? Reason);
