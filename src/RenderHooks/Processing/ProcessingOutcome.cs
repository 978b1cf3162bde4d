namespace RenderHooks.Processing;

/// <summary>What processing made of one delivery; archived with it.</summary>
public enum ProcessingOutcome
{
    /// <summary>The delivery set the job's state (also when it is this delivery's own redelivery).</summary>
    Recorded,

    /// <summary>The job already had this state: a retry or a repeated delivery. Nothing new is published.</summary>
    Duplicate,

    /// <summary>The job already had another terminal state; the first one stands until reconciliation settles it.</summary>
    Conflict,

    /// <summary>The payload could not be parsed; archived with the reason, acknowledged, no event.</summary>
    Unparseable,

    /// <summary>The queue message was not a delivery envelope; archived raw with the reason.</summary>
    Unreadable,

    /// <summary>Storage refused the job record as invalid (retrying cannot help); archived with the reason, acknowledged, no event.</summary>
    Rejected,
}
