using System.Net;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Deliveries;
using RenderHooks.Providers;
using RenderHooks.Storage;

namespace RenderHooks.Intake;

/// <summary>
/// Step 1 of the pipeline: checks a webhook, writes it raw to the deliveries queue, and only then says 200. A body
/// larger than a queue message holds (<see cref="IntakeOptions.QueueBodyLimit"/>) is written to a blob of the payloads
/// container first, and the message references it; 200 only once both are written, 503 when either fails.
/// The checks run in the contract's order: 404 (provider, token or source address), 415 (media type), 413 / 400 (body).
/// </summary>
public sealed class WebhookIntake(
    ProviderAdapterCatalog adapters,
    WebhookTokenValidator tokens,
    WebhookSourceCheck sources,
    RenderHooksStorage storage,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookIntake> logger)
{
    public async Task<IntakeResult> AcceptAsync(IntakeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.CurrentValue;

        // Every check always runs, and all three refusals are one answer: an unknown provider, a wrong token and a
        // source outside the provider's allowed ranges cannot be told apart, so the source check reveals nothing the
        // token check would not.
        var providerKnown = adapters.TryGet(request.Provider, out var adapter);
        var tokenValid = tokens.IsValid(request.Token);
        var sourceAllowed = adapter is not null && sources.IsAllowed(adapter.Name, request.SourceAddress);
        if (!providerKnown || !tokenValid || adapter is null)
        {
            IntakeLog.NotFound(logger, providerKnown);
            return NotFound();
        }

        if (!sourceAllowed)
        {
            IntakeLog.SourceRefused(logger, adapter.Name, request.SourceAddress?.ToString() ?? "(unknown)");
            return NotFound();
        }

        if (!ContentTypeCheck.TryGetMediaType(request.ContentType, out var mediaType, out var problem))
        {
            return Refuse(adapter.Name, IntakeStatus.UnsupportedMediaType, $"{problem} {AcceptedMediaTypes(adapter)}");
        }

        if (!adapter.AcceptsMediaType(mediaType))
        {
            return Refuse(adapter.Name, IntakeStatus.UnsupportedMediaType, $"'{mediaType}' is not accepted. {AcceptedMediaTypes(adapter)}");
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return Refuse(adapter.Name, IntakeStatus.PayloadTooLarge, TooLarge(limits));
        }

        using var body = await BoundedBodyReader.ReadAsync(request.Body, limits.MaxBodyBytes, request.ContentLength, cancellationToken);
        if (body is null)
        {
            return Refuse(adapter.Name, IntakeStatus.PayloadTooLarge, TooLarge(limits));
        }

        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Refuse(adapter.Name, IntakeStatus.EmptyBody, "The body is empty.");
        }

        var now = timeProvider.GetUtcNow();
        var deliveryId = Guid.CreateVersion7(now).ToString("N");
        var inMessage = body.Length <= IntakeOptions.QueueBodyLimit;
        var envelope = new DeliveryEnvelope
        {
            DeliveryId = deliveryId,
            Provider = adapter.Name,
            ReceivedAt = now,
            ContentType = mediaType,
            Body = inMessage ? body.Span.ToArray() : [],
            BodyBlob = inMessage ? null : deliveryId,
            BodyBytes = inMessage ? null : body.Length,
        };

        if (!inMessage)
        {
            // Too large for a queue message: the body goes to a blob first, and the message references it. An enqueue
            // that fails after this leaves the blob tagged 'received' and referenced by nothing, never processed.
            var blob = storage.IntakePayloadsContainer.GetBlobClient(deliveryId);
            try
            {
                await blob.UploadAsync(
                    BinaryData.FromBytes(body.Memory),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, Tags = PayloadBlobs.Tags(PayloadBlobs.Received) },
                    cancellationToken).NameFailures(blob);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict && StorageErrors.ErrorCode(e) == BlobErrorCode.BlobAlreadyExists)
            {
                // Only this request writes a blob of this name (a new delivery id), and Put Blob is all or nothing: an
                // earlier attempt was written whole and its answer lost, so the retry found it. The body is stored.
                IntakeLog.PayloadFoundWritten(logger, deliveryId, adapter.Name);
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
            {
                IntakeLog.PayloadWriteFailed(logger, deliveryId, adapter.Name, body.Length, e.GetType().Name, (e as RequestFailedException)?.Status ?? 0);
                return StorageUnavailable(limits);
            }
        }

        try
        {
            await storage.IntakeQueue.SendMessageAsync(
                DeliveryEnvelopeSerializer.Serialize(envelope),
                timeToLive: RenderHooksStorage.NeverExpires,
                cancellationToken: cancellationToken).NameFailures(storage.IntakeQueue);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            IntakeLog.EnqueueFailed(logger, envelope.DeliveryId, adapter.Name, e.GetType().Name, (e as RequestFailedException)?.Status ?? 0);
            return StorageUnavailable(limits);
        }

        IntakeLog.Accepted(logger, envelope.DeliveryId, adapter.Name, body.Length);
        return IntakeResult.Accepted(envelope.DeliveryId);
    }

    private static IntakeResult StorageUnavailable(IntakeOptions limits) => new()
    {
        Status = IntakeStatus.StorageUnavailable,
        Detail = "The delivery could not be stored; retry later.",
        RetryAfter = TimeSpan.FromSeconds(limits.RetryAfterSeconds),
    };

    private static IntakeResult NotFound() => IntakeResult.Refused(IntakeStatus.NotFound, "Not found.");

    private IntakeResult Refuse(string provider, IntakeStatus status, string detail)
    {
        IntakeLog.Refused(logger, provider, status);
        return IntakeResult.Refused(status, detail);
    }

    private static string TooLarge(IntakeOptions limits) => $"The body is over the {limits.MaxBodyBytes}-byte limit.";

    private static string AcceptedMediaTypes(IProviderAdapter adapter) =>
        adapter.AcceptsMediaType("application/x-www-form-urlencoded")
            ? "Send application/json or application/x-www-form-urlencoded (UTF-8)."
            : "Send application/json (UTF-8).";
}
