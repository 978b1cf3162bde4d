using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>Maps <see cref="JobRecord"/> to and from its Table Storage entity. Property names are the storage schema.</summary>
internal static class JobEntityMapper
{
    public static TableEntity ToEntity(JobRecord job)
    {
        var (partitionKey, rowKey) = JobKeys.Job(job.Provider, job.JobId);
        var entity = new TableEntity(partitionKey, rowKey) { ETag = job.ETag };
        entity["Provider"] = job.Provider;
        entity["JobId"] = job.JobId;
        entity["Status"] = job.Status?.ToText();
        entity["Source"] = job.Source;
        entity["Verification"] = job.Verification;
        entity["Verified"] = job.Verified;
        entity["OutputUrl"] = job.OutputUrl;
        entity["DurationSeconds"] = job.DurationSeconds;
        entity["Width"] = job.Width;
        entity["Height"] = job.Height;
        entity["SizeBytes"] = job.SizeBytes;
        entity["CreditsUsed"] = job.CreditsUsed;
        entity["ErrorCode"] = job.ErrorCode;
        entity["ErrorMessage"] = job.ErrorMessage;
        entity["MovieId"] = job.MovieId;
        entity["ClientData"] = job.ClientData;
        entity["Reference"] = job.Reference;
        entity["RecordedByDeliveryId"] = job.RecordedByDeliveryId;
        entity["ReceivedAt"] = job.ReceivedAt;
        entity["CreatedAt"] = job.CreatedAt;
        entity["UpdatedAt"] = job.UpdatedAt;
        entity["PendingEventId"] = job.PendingEventId;
        entity["PendingEvent"] = job.PendingEvent;
        entity["PublishLeaseOwner"] = job.PublishLeaseOwner;
        entity["PublishLeaseUntil"] = job.PublishLeaseUntil;
        entity["LastPublishedEventId"] = job.LastPublishedEventId;
        entity["LastPublishedAt"] = job.LastPublishedAt;
        entity["RegisteredAt"] = job.RegisteredAt;
        entity["NextCheckAt"] = job.NextCheckAt;
        entity["LastCheckedAt"] = job.LastCheckedAt;
        entity["ProviderState"] = job.ProviderState;
        entity["CheckCount"] = job.CheckCount;
        entity["CheckClaimOwner"] = job.CheckClaimOwner;
        entity["CheckClaimUntil"] = job.CheckClaimUntil;
        return entity;
    }

    public static JobRecord FromEntity(TableEntity entity) => new()
    {
        Provider = entity.GetString("Provider") ?? entity.PartitionKey,
        JobId = entity.GetString("JobId") ?? TableKey.Decode(entity.RowKey),
        Status = RenderStatusText.Parse(entity.GetString("Status")),
        Source = entity.GetString("Source"),
        Verification = entity.GetString("Verification") ?? JobVerification.Pending,
        Verified = entity.GetBoolean("Verified") ?? false,
        OutputUrl = entity.GetString("OutputUrl"),
        DurationSeconds = entity.GetDouble("DurationSeconds"),
        Width = entity.GetInt32("Width"),
        Height = entity.GetInt32("Height"),
        SizeBytes = entity.GetInt64("SizeBytes"),
        CreditsUsed = entity.GetInt64("CreditsUsed"),
        ErrorCode = entity.GetString("ErrorCode"),
        ErrorMessage = entity.GetString("ErrorMessage"),
        MovieId = entity.GetString("MovieId"),
        ClientData = entity.GetBinary("ClientData"),
        Reference = entity.GetString("Reference"),
        RecordedByDeliveryId = entity.GetString("RecordedByDeliveryId"),
        ReceivedAt = entity.GetDateTimeOffset("ReceivedAt"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? default,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? entity.Timestamp ?? default,
        PendingEventId = entity.GetString("PendingEventId"),
        PendingEvent = entity.GetBinary("PendingEvent"),
        PublishLeaseOwner = entity.GetString("PublishLeaseOwner"),
        PublishLeaseUntil = entity.GetDateTimeOffset("PublishLeaseUntil"),
        LastPublishedEventId = entity.GetString("LastPublishedEventId"),
        LastPublishedAt = entity.GetDateTimeOffset("LastPublishedAt"),
        RegisteredAt = entity.GetDateTimeOffset("RegisteredAt"),
        NextCheckAt = entity.GetDateTimeOffset("NextCheckAt"),
        StoredNextCheckAt = entity.GetDateTimeOffset("NextCheckAt"),
        LastCheckedAt = entity.GetDateTimeOffset("LastCheckedAt"),
        ProviderState = entity.GetString("ProviderState"),
        CheckCount = entity.GetInt32("CheckCount") ?? 0,
        CheckClaimOwner = entity.GetString("CheckClaimOwner"),
        CheckClaimUntil = entity.GetDateTimeOffset("CheckClaimUntil"),
        ETag = entity.ETag,
    };
}
