namespace RenderHooks.Reconciliation;

/// <summary>What one reconciliation run did, for its log line and for benchmarks.</summary>
public sealed record ReconcileRunSummary
{
    public required string RunId { get; init; }

    /// <summary>Providers whose status API is configured and whose due jobs were read.</summary>
    public required IReadOnlyList<string> Providers { get; init; }

    /// <summary>Rows of the due-date index read.</summary>
    public int IndexRowsRead { get; init; }

    /// <summary>Job rows read (a point read per due row, and again after a lost conditional write).</summary>
    public int JobsRead { get; init; }

    public int StatusCalls { get; init; }

    /// <summary>Webhook-reported states the provider confirmed.</summary>
    public int Verified { get; init; }

    /// <summary>Webhook-reported states the provider contradicted, replaced by its own.</summary>
    public int Corrected { get; init; }

    /// <summary>Registered jobs whose result came from the provider because no webhook did.</summary>
    public int Recovered { get; init; }

    public int UnknownToProvider { get; init; }

    public int Abandoned { get; init; }

    /// <summary>Jobs the provider says are still rendering, scheduled again.</summary>
    public int StillRendering { get; init; }

    public int EventsPublished { get; init; }

    /// <summary>The provider said once it does not know the job; asked again later before the job is flagged.</summary>
    public int NotFoundOnce { get; init; }

    /// <summary>Checks the provider left unanswered (time-out, 5xx, network, after retries); the jobs are checked again later.</summary>
    public int ProviderUnavailable { get; init; }

    /// <summary>Jobs whose pending event was published or whose schedule was cleared, or that someone else settled meanwhile: no call needed.</summary>
    public int Settled { get; init; }

    /// <summary>Index rows left behind by an earlier write, removed.</summary>
    public int StaleIndexRows { get; init; }

    /// <summary>Jobs left for a later run: claimed by another run, an event being published by a delivery, or a young index row that does not match its job yet.</summary>
    public int Deferred { get; init; }

    /// <summary>Due jobs not called this run: the call cap was spent, or the provider throttled or refused the key.</summary>
    public int NotCalled { get; init; }

    /// <summary>Jobs whose check failed on a storage error.</summary>
    public int Failed { get; init; }

    /// <summary>Providers that throttled the run or refused its API key; their remaining due jobs wait for the next run.</summary>
    public IReadOnlyList<string> StoppedProviders { get; init; } = [];

    public TimeSpan Elapsed { get; init; }
}
