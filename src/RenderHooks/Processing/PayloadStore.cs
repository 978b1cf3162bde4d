using System.Globalization;
using System.Net;
using Azure;
using Azure.Storage.Blobs.Models;
using RenderHooks.Deliveries;
using RenderHooks.Intake;
using RenderHooks.Storage;

namespace RenderHooks.Processing;

/// <summary>
/// Processing's side of the payloads container: reads the body a delivery references, and once the delivery is archived
/// settles its blob — deleted when the archive's row holds the body (<see cref="DeliveryArchive.MaxInlineBodyBytes"/>),
/// else tagged <see cref="PayloadBlobs.Archived"/>, since the row references it.
/// </summary>
internal sealed class PayloadStore(RenderHooksStorage storage)
{
    /// <summary>Reads the body of <paramref name="delivery"/>'s blob, whole; a storage failure other than "not found" throws (the message is retried).</summary>
    public async Task<PayloadRead> ReadAsync(DeliveryEnvelope delivery, CancellationToken cancellationToken)
    {
        var name = delivery.BodyBlob ?? throw new ArgumentException("The delivery has no payload blob.", nameof(delivery));
        var blob = storage.PayloadsContainer.GetBlobClient(name);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).NameFailures(blob);
            using var result = download.Value;
            var length = result.Details.ContentLength;

            // Bounded by what intake can have written, and by what the delivery says it wrote.
            if (length > IntakeOptions.MaxBodyBytesUpperBound || (delivery.BodyBytes is { } expected && expected != length))
            {
                return new PayloadRead(null, string.Create(
                    CultureInfo.InvariantCulture,
                    $"payload blob '{name}' holds {length} bytes; the delivery says {delivery.BodyBytes?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}"), BlobFound: true);
            }

            var body = new byte[length];
            await result.Content.ReadExactlyAsync(body, cancellationToken);
            return new PayloadRead(body, null, BlobFound: true);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return new PayloadRead(null, $"payload blob '{name}' not found", BlobFound: false);
        }
    }

    /// <summary>
    /// Keeps the blob of a delivery archived as unreadable because the blob is not what the delivery says: the row refers to
    /// it, so it is tagged <see cref="PayloadBlobs.Archived"/> and the orphans' lifecycle rule leaves it.
    /// </summary>
    public async Task KeepAsync(DeliveryEnvelope delivery, CancellationToken cancellationToken)
    {
        var blob = storage.PayloadsContainer.GetBlobClient(delivery.BodyBlob ?? throw new ArgumentException("The delivery has no payload blob.", nameof(delivery)));
        await blob.SetTagsAsync(PayloadBlobs.Tags(PayloadBlobs.Archived), cancellationToken: cancellationToken).NameFailures(blob);
    }

    /// <summary>
    /// After the delivery is archived (and its event published): deletes its blob when the row holds the body, tags it
    /// <see cref="PayloadBlobs.Archived"/> when the row references it. Done again on a redelivery, it changes nothing.
    /// </summary>
    public async Task SettleAsync(DeliveryEnvelope delivery, CancellationToken cancellationToken)
    {
        if (delivery.BodyBlob is not { } name)
        {
            return;
        }

        var blob = storage.PayloadsContainer.GetBlobClient(name);
        if (DeliveryArchive.HoldsBodyInline(delivery))
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).NameFailures(blob);
        }
        else
        {
            await blob.SetTagsAsync(PayloadBlobs.Tags(PayloadBlobs.Archived), cancellationToken: cancellationToken).NameFailures(blob);
        }
    }
}
