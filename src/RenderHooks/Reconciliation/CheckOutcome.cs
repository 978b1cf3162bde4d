namespace RenderHooks.Reconciliation;

/// <summary>What checking one due job came to.</summary>
internal enum CheckOutcome
{
    /// <summary>The provider confirmed the webhook's state.</summary>
    Verified,

    /// <summary>The provider contradicted the webhook's state; its own replaced it.</summary>
    Corrected,

    /// <summary>A registered job had no state; the provider's terminal one was recorded.</summary>
    Recovered,

    /// <summary>The provider does not know the job, for the second time in a row.</summary>
    UnknownToProvider,

    /// <summary>The provider does not know the job, for the first time: asked again later before the job is flagged.</summary>
    NotFoundOnce,

    /// <summary>Past <c>MaxAge</c> without a final answer.</summary>
    Abandoned,

    /// <summary>The provider says the job is still rendering; checked again later.</summary>
    StillRendering,

    /// <summary>Its pending event was published, or its schedule cleared; no status call was needed.</summary>
    Settled,

    /// <summary>The index row no longer matched the job (or the job is gone); it was removed.</summary>
    StaleIndexRow,

    /// <summary>Another run holds the job, or a delivery is publishing its event.</summary>
    Deferred,

    /// <summary>The provider did not answer (time-out, 5xx, network) after the client's retries; the job stays due.</summary>
    ProviderUnavailable,

    /// <summary>The provider asked us to slow down: no more calls to it this run.</summary>
    Throttled,

    /// <summary>The provider refused the API key: no more calls to it this run.</summary>
    Unauthorized,

    /// <summary>The run's status-call cap for the provider is spent.</summary>
    BudgetSpent,

    /// <summary>A storage error.</summary>
    Failed,
}
