using System.Globalization;
using Azure.Data.Tables;
using RenderHooks.Jobs;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Jobs;

/// <summary>
/// A job row exactly as the REST clients before the Azure SDK wrote it: their <c>JobEntityMapper</c> (same properties,
/// absent values left out) and their <c>TableEntityJson</c> (an Int32 as a bare JSON number; an Int64 as a string with
/// <c>Edm.Int64</c>; a Double with <c>Edm.Double</c>; a DateTimeOffset as UTC <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> with
/// <c>Edm.DateTime</c>; bytes as base64 with <c>Edm.Binary</c>). The SDK passes string values and explicit
/// <c>@odata.type</c> annotations through as they are, so the JSON on the wire is the old JSON.
/// </summary>
internal static class LegacyJobRow
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static TableEntity From(JobRecord job)
    {
        var (partitionKey, rowKey) = JobKeys.Job(job.Provider, job.JobId);
        var entity = new TableEntity(partitionKey, rowKey);
        void Set(string name, object? value)
        {
            switch (value)
            {
                case null:
                    break;
                case string or int or bool:
                    entity[name] = value;
                    break;
                case long l:
                    entity[name] = l.ToString(CultureInfo.InvariantCulture);
                    entity[name + "@odata.type"] = "Edm.Int64";
                    break;
                case double d:
                    entity[name] = d;
                    entity[name + "@odata.type"] = "Edm.Double";
                    break;
                case DateTimeOffset dto:
                    entity[name] = dto.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
                    entity[name + "@odata.type"] = "Edm.DateTime";
                    break;
                case byte[] bytes:
                    entity[name] = Convert.ToBase64String(bytes);
                    entity[name + "@odata.type"] = "Edm.Binary";
                    break;
                default:
                    throw new ArgumentException($"{name}: {value.GetType().Name} was not written by the old mapper.");
            }
        }

        Set("Provider", job.Provider);
        Set("JobId", job.JobId);
        Set("Status", job.Status?.ToText());
        Set("Source", job.Source);
        Set("Verification", job.Verification);
        Set("Verified", job.Verified);
        Set("OutputUrl", job.OutputUrl);
        Set("DurationSeconds", job.DurationSeconds);
        Set("Width", job.Width);
        Set("Height", job.Height);
        Set("SizeBytes", job.SizeBytes);
        Set("CreditsUsed", job.CreditsUsed);
        Set("ErrorCode", job.ErrorCode);
        Set("ErrorMessage", job.ErrorMessage);
        Set("MovieId", job.MovieId);
        Set("ClientData", job.ClientData);
        Set("Reference", job.Reference);
        Set("RecordedByDeliveryId", job.RecordedByDeliveryId);
        Set("ReceivedAt", job.ReceivedAt);
        Set("CreatedAt", job.CreatedAt);
        Set("UpdatedAt", job.UpdatedAt);
        Set("PendingEventId", job.PendingEventId);
        Set("PendingEvent", job.PendingEvent);
        Set("PublishLeaseOwner", job.PublishLeaseOwner);
        Set("PublishLeaseUntil", job.PublishLeaseUntil);
        Set("LastPublishedEventId", job.LastPublishedEventId);
        Set("LastPublishedAt", job.LastPublishedAt);
        Set("RegisteredAt", job.RegisteredAt);
        Set("NextCheckAt", job.NextCheckAt);
        Set("LastCheckedAt", job.LastCheckedAt);
        Set("ProviderState", job.ProviderState);
        Set("CheckCount", job.CheckCount);
        Set("CheckClaimOwner", job.CheckClaimOwner);
        Set("CheckClaimUntil", job.CheckClaimUntil);
        return entity;
    }
}
