using Azure.Data.Tables;
using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>
/// Maps <see cref="JobRecord"/> to and from its Table Storage entity. Property names are the storage schema; each is
/// written with one type (Int32 for counts and dimensions, Int64 for sizes and credits, Double for durations,
/// DateTime, Binary) and read tolerantly (<see cref="TableEntityValues"/>), so rows written with another number type
/// still read. Absent values are not written.
/// </summary>
internal static class JobEntityMapper
{
    public static TableEntity ToEntity(JobRecord job)
    {
        var (partitionKey, rowKey) = JobKeys.Job(job.Provider, job.JobId);
        var entity = new TableEntity(partitionKey, rowKey);
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
        return entity.WithoutNulls();
    }

    public static JobRecord FromEntity(TableEntity entity) => new()
    {
        Provider = entity.ReadString("Provider") ?? entity.PartitionKey,
        JobId = entity.ReadString("JobId") ?? TableKey.Decode(entity.RowKey),
        Status = RenderStatusText.Parse(entity.ReadString("Status")),
        Source = entity.ReadString("Source"),
        Verification = entity.ReadString("Verification") ?? JobVerification.Pending,
        Verified = entity.ReadBoolean("Verified") ?? false,
        OutputUrl = entity.ReadString("OutputUrl"),
        DurationSeconds = entity.ReadDouble("DurationSeconds"),
        Width = entity.ReadInt32("Width"),
        Height = entity.ReadInt32("Height"),
        SizeBytes = entity.ReadInt64("SizeBytes"),
        CreditsUsed = entity.ReadInt64("CreditsUsed"),
        ErrorCode = entity.ReadString("ErrorCode"),
        ErrorMessage = entity.ReadString("ErrorMessage"),
        MovieId = entity.ReadString("MovieId"),
        ClientData = entity.ReadBinary("ClientData"),
        Reference = entity.ReadString("Reference"),
        RecordedByDeliveryId = entity.ReadString("RecordedByDeliveryId"),
        ReceivedAt = entity.ReadDateTimeOffset("ReceivedAt"),
        CreatedAt = entity.ReadDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? default,
        UpdatedAt = entity.ReadDateTimeOffset("UpdatedAt") ?? entity.Timestamp ?? default,
        PendingEventId = entity.ReadString("PendingEventId"),
        PendingEvent = entity.ReadBinary("PendingEvent"),
        PublishLeaseOwner = entity.ReadString("PublishLeaseOwner"),
        PublishLeaseUntil = entity.ReadDateTimeOffset("PublishLeaseUntil"),
        LastPublishedEventId = entity.ReadString("LastPublishedEventId"),
        LastPublishedAt = entity.ReadDateTimeOffset("LastPublishedAt"),
        RegisteredAt = entity.ReadDateTimeOffset("RegisteredAt"),
        NextCheckAt = entity.ReadDateTimeOffset("NextCheckAt"),
        StoredNextCheckAt = entity.ReadDateTimeOffset("NextCheckAt"),
        LastCheckedAt = entity.ReadDateTimeOffset("LastCheckedAt"),
        ProviderState = entity.ReadString("ProviderState"),
        CheckCount = entity.ReadInt32("CheckCount") ?? 0,
        CheckClaimOwner = entity.ReadString("CheckClaimOwner"),
        CheckClaimUntil = entity.ReadDateTimeOffset("CheckClaimUntil"),
        ETag = entity.ETag,
    };
}
