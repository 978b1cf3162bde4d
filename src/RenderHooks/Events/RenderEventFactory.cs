using System.Text.Json;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Serialization;

namespace RenderHooks.Events;

/// <summary>Builds the normalized event of a job's recorded state and its message bytes.</summary>
internal static class RenderEventFactory
{
    /// <summary>
    /// The largest event JSON that still fits one queue message once base64-encoded (64 KiB × 3/4).
    /// An event over it is published without its client data and with long texts shortened, never dropped.
    /// </summary>
    public const int MaxEventBytes = 49_152;

    private const int ShortenedTextLength = 2_048;

    public static RenderEvent Create(JobRecord job)
    {
        var status = job.Status ?? throw new InvalidOperationException("A job without a terminal state has no event.");
        var statusText = status.ToText();
        return new RenderEvent
        {
            EventId = EventIds.For(job.Provider, job.JobId, statusText, job.Verified),
            Type = status == RenderStatus.Completed ? "render.completed" : "render.failed",
            Provider = job.Provider,
            JobId = job.JobId,
            Status = statusText,
            Source = job.Source ?? JobSources.Webhook,
            Verified = job.Verified,
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
            ReceivedAt = job.ReceivedAt,
        };
    }

    /// <summary>Serializes an event, shrinking it to <see cref="MaxEventBytes"/> if it must.</summary>
    public static byte[] Serialize(RenderEvent renderEvent)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(renderEvent, RenderHooksJsonContext.Compact.RenderEvent);
        if (bytes.Length <= MaxEventBytes)
        {
            return bytes;
        }

        var shrunk = renderEvent with
        {
            ClientData = null,
            OutputUrl = Shorten(renderEvent.OutputUrl),
            MovieId = Shorten(renderEvent.MovieId),
            Reference = Shorten(renderEvent.Reference),
            Error = renderEvent.Error is null ? null : new RenderEventError(Shorten(renderEvent.Error.Code), Shorten(renderEvent.Error.Message)),
        };
        return JsonSerializer.SerializeToUtf8Bytes(shrunk, RenderHooksJsonContext.Compact.RenderEvent);
    }

    private static string? Shorten(string? text) =>
        text is null || text.Length <= ShortenedTextLength ? text : string.Concat(text.AsSpan(0, ShortenedTextLength), "…");
}
