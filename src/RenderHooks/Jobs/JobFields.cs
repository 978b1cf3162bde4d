using RenderHooks.Providers;

namespace RenderHooks.Jobs;

/// <summary>Copies a normalized report's fields onto a job: all of them for a webhook, the provider's over the webhook's for a status answer.</summary>
internal static class JobFields
{
    /// <summary>
    /// Sets the job's state and fields to exactly what <paramref name="report"/> says; <paramref name="clientDataOmitted"/>
    /// is true when the report's client data was too large to keep.
    /// </summary>
    public static void Replace(JobRecord job, RenderReport report, out bool clientDataOmitted)
    {
        job.Status = report.Status;
        job.OutputUrl = report.OutputUrl;
        job.DurationSeconds = report.DurationSeconds;
        job.Width = report.Width;
        job.Height = report.Height;
        job.SizeBytes = report.SizeBytes;
        job.CreditsUsed = report.CreditsUsed;
        job.ErrorCode = report.Error?.Code;
        job.ErrorMessage = report.Error?.Message;
        job.MovieId = report.MovieId;
        job.ClientData = ClientDataJson.ToUtf8(report.ClientData, out clientDataOmitted);
    }

    /// <summary>
    /// Replaces the job's state and fields with the provider's answer alone. Nothing only the webhook said survives — not
    /// its output URL, its client data nor its error code — so a <c>verified</c> event carries only what the provider
    /// confirmed (a forged webhook cannot smuggle a URL or an order id into a verified event).
    /// </summary>
    public static void ReplaceWithProviderAnswer(JobRecord job, RenderReport answer)
    {
        Replace(job, answer, out _);
        if (job.ClientData.AsSpan().SequenceEqual("{}"u8))
        {
            job.ClientData = null; // Empty: not counted, which would read every property of a large one into nodes.
        }
    }

    /// <summary>
    /// True when the provider's answer confirms the recorded state: the same status and, for a completed render, the
    /// same output URL (both absent counts as the same; a URL only the webhook gives is not confirmed).
    /// </summary>
    public static bool Confirms(JobRecord job, RenderReport answer) =>
        job.Status == answer.Status
        && (answer.Status == RenderStatus.Failed
            || string.Equals(NullIfEmpty(job.OutputUrl), NullIfEmpty(answer.OutputUrl), StringComparison.Ordinal));

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
