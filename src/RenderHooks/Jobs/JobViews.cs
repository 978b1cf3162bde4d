namespace RenderHooks.Jobs;

/// <summary>Turns a stored job into the view the management API returns.</summary>
internal static class JobViews
{
    public static JobView From(JobRecord job, int deliveryCount) => new()
    {
        Provider = job.Provider,
        JobId = job.JobId,
        Status = job.Status?.ToText(),
        Source = job.Source,
        Verified = job.Verified,
        Verification = job.Verification,
        OutputUrl = job.OutputUrl,
        DurationSeconds = job.DurationSeconds,
        Width = job.Width,
        Height = job.Height,
        SizeBytes = job.SizeBytes,
        CreditsUsed = job.CreditsUsed,
        Error = job.Error,
        MovieId = job.MovieId,
        ClientData = job.ParseClientData(),
        Reference = job.Reference,
        DeliveryCount = deliveryCount,
        ReceivedAt = job.ReceivedAt,
        RegisteredAt = job.RegisteredAt,
        ProviderStatus = job.ProviderState,
        LastCheckedAt = job.LastCheckedAt,
        CheckCount = job.CheckCount,
        NextCheckAt = job.NextCheckAt,
        CreatedAt = job.CreatedAt,
        UpdatedAt = job.UpdatedAt,
        LastEventId = job.LastPublishedEventId,
        EventPending = job.PendingEventId is not null,
    };
}
