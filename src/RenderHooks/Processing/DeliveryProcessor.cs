using Azure;
using Microsoft.Extensions.Logging;
using RenderHooks.Deliveries;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Providers;

namespace RenderHooks.Processing;

/// <summary>
/// Step 2 of the pipeline, one queue message at a time: normalize the delivery, record its state once on the job,
/// archive it with the outcome, and publish the job's pending event. Safe to run again on the same message:
/// every write is keyed or conditional, so a redelivery changes nothing but finishing what a crash left undone.
/// Throws only for storage failures, which the queue retries; a bad payload is archived and acknowledged.
/// </summary>
public sealed class DeliveryProcessor
{
    private readonly ProviderAdapterCatalog _adapters;
    private readonly JobRecorder _recorder;
    private readonly DeliveryArchive _archive;
    private readonly EventOutbox _outbox;
    private readonly PayloadStore _payloads;
    private readonly ILogger<DeliveryProcessor> _logger;

    internal DeliveryProcessor(
        ProviderAdapterCatalog adapters, JobRecorder recorder, DeliveryArchive archive, EventOutbox outbox, PayloadStore payloads, ILogger<DeliveryProcessor> logger)
    {
        _adapters = adapters;
        _recorder = recorder;
        _archive = archive;
        _outbox = outbox;
        _payloads = payloads;
        _logger = logger;
    }

    public async Task<ProcessingResult> ProcessAsync(BinaryData message, QueueMessageInfo info, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(info);

        if (!DeliveryEnvelopeSerializer.TryDeserialize(message, out var delivery, out var unreadable))
        {
            await _archive.ArchiveUnreadableAsync(message, unreadable, info, cancellationToken);
            ProcessingLog.Unreadable(_logger, info.MessageId, unreadable);
            return new ProcessingResult(ProcessingOutcome.Unreadable, null, null, unreadable);
        }

        if (delivery.BodyBlob is not null)
        {
            var payload = await _payloads.ReadAsync(delivery, cancellationToken);
            if (payload.Body is null)
            {
                return await PayloadMissingAsync(delivery, payload, info, cancellationToken);
            }

            delivery = delivery with { Body = payload.Body };
        }

        var result = await ProcessDeliveryAsync(delivery, info, cancellationToken);

        // Last, so that a crash before it is redone with the blob in place: the archive holds the body now (deleted), or
        // references it (tagged archived).
        await _payloads.SettleAsync(delivery, cancellationToken);
        return result;
    }

    private async Task<ProcessingResult> ProcessDeliveryAsync(DeliveryEnvelope delivery, QueueMessageInfo info, CancellationToken cancellationToken)
    {
        var parsed = _adapters.TryGet(delivery.Provider, out var adapter)
            ? adapter.Parse(delivery.Body, delivery.ContentType)
            : ParseResult.Failure($"Unknown provider '{delivery.Provider}'.");

        if (!parsed.IsSuccess)
        {
            await _archive.ArchiveAsync(delivery, JobKeys.UnparsedPartition(delivery.Provider), null, ProcessingOutcome.Unparseable, parsed.Reason, null, info, cancellationToken);
            ProcessingLog.Unparseable(_logger, delivery.DeliveryId, delivery.Provider, parsed.Reason);
            return new ProcessingResult(ProcessingOutcome.Unparseable, delivery.DeliveryId, null, parsed.Reason);
        }

        var report = parsed.Report;
        RecordResult recorded;
        try
        {
            recorded = await _recorder.RecordAsync(report, delivery, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            // Not transient: retrying would only move the delivery to the poison queue unarchived.
            var reason = $"Storage refused the job record: {e.ErrorCode ?? "400"}.";
            await _archive.ArchiveAsync(
                delivery, JobKeys.DeliveriesPartition(report.Provider, report.JobId), report.JobId, ProcessingOutcome.Rejected, reason, null, info, cancellationToken);
            ProcessingLog.Rejected(_logger, delivery.DeliveryId, report.Provider, report.JobId, e.ErrorCode);
            return new ProcessingResult(ProcessingOutcome.Rejected, delivery.DeliveryId, null, reason);
        }

        var job = recorded.Job;
        var reportedEventId = EventIds.For(report.Provider, report.JobId, report.Status.ToText(), verified: false);

        // A note says what of the payload was left out (odd client data): the delivery counts, and its archive says why it differs.
        // A conflict says which state stands, so the listing of flagged deliveries shows both without reading the job.
        var archivedReason = recorded.Outcome == ProcessingOutcome.Conflict
            ? ConflictReason(job.Status?.ToText() ?? "none", report.Status.ToText(), parsed.Note)
            : parsed.Note;
        await _archive.ArchiveAsync(
            delivery, JobKeys.DeliveriesPartition(report.Provider, report.JobId), report.JobId, recorded.Outcome, archivedReason, reportedEventId, info, cancellationToken);
        if (parsed.Note is not null)
        {
            ProcessingLog.PartlyRead(_logger, delivery.DeliveryId, report.Provider, report.JobId, parsed.Note);
        }

        if (recorded.Outcome == ProcessingOutcome.Conflict)
        {
            ProcessingLog.Conflict(_logger, delivery.DeliveryId, report.Status.ToText(), report.Provider, report.JobId, job.Status?.ToText() ?? "none");
        }
        else
        {
            ProcessingLog.Processed(_logger, delivery.DeliveryId, recorded.Outcome, report.Status.ToText(), report.Provider, report.JobId);
        }

        string? published = null;
        if (recorded.MayPublish)
        {
            published = (await _outbox.PublishPendingAsync(job, cancellationToken)).EventId;
            if (published is not null)
            {
                ProcessingLog.Published(_logger, published, job.Status?.ToText() ?? "none", job.Provider, job.JobId);
            }
        }

        return new ProcessingResult(recorded.Outcome, delivery.DeliveryId, published, archivedReason);
    }

    /// <summary>
    /// The delivery's payload blob is gone (expired, deleted) or is not what the delivery says: archived as unreadable with
    /// the reason, never retried. Unless the delivery is archived already — a redelivery whose earlier processing finished
    /// and deleted the blob before the message was acknowledged, or a second message of the same delivery (an enqueue
    /// whose answer was lost and was sent again, a requeued poison message) — then its row stands, and there is nothing
    /// left to do. A blob that is there but not the delivery's size is kept (tagged archived): the row refers to it.
    /// </summary>
    private async Task<ProcessingResult> PayloadMissingAsync(DeliveryEnvelope delivery, PayloadRead payload, QueueMessageInfo info, CancellationToken cancellationToken)
    {
        if (await _archive.FindOutcomeAsync(delivery.DeliveryId, cancellationToken) is { } archived
            && Enum.TryParse<ProcessingOutcome>(archived, out var outcome))
        {
            ProcessingLog.AlreadyArchived(_logger, delivery.DeliveryId, delivery.Provider, outcome);
            return new ProcessingResult(outcome, delivery.DeliveryId, null, null);
        }

        var reason = payload.Problem!;
        await _archive.ArchiveAsync(delivery, JobKeys.UnreadablePartition, null, ProcessingOutcome.Unreadable, reason, null, info, cancellationToken);
        if (payload.BlobFound)
        {
            await _payloads.KeepAsync(delivery, cancellationToken);
        }

        ProcessingLog.PayloadMissing(_logger, delivery.DeliveryId, delivery.Provider, reason);
        return new ProcessingResult(ProcessingOutcome.Unreadable, delivery.DeliveryId, null, reason);
    }

    private static string ConflictReason(string recordedStatus, string reportedStatus, string? note) =>
        $"The job is already {recordedStatus}; this delivery reported {reportedStatus}. The first state stands until reconciliation settles it."
        + (note is null ? string.Empty : " " + note);
}
