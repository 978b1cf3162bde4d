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
    /// Takes the provider's answer as the truth: its state, and each field it gives over the recorded one. Fields it
    /// leaves out are kept (a status API need not repeat the client data, and an empty one does not erase it), except
    /// those that contradict its state: a failed job has no output, a completed one no error.
    /// </summary>
    public static void MergeProviderAnswer(JobRecord job, RenderReport answer)
    {
        job.Status = answer.Status;
        job.OutputUrl = answer.OutputUrl ?? job.OutputUrl;
        job.DurationSeconds = answer.DurationSeconds ?? job.DurationSeconds;
        job.Width = answer.Width ?? job.Width;
        job.Height = answer.Height ?? job.Height;
        job.SizeBytes = answer.SizeBytes ?? job.SizeBytes;
        job.CreditsUsed = answer.CreditsUsed ?? job.CreditsUsed;
        job.ErrorCode = answer.Error?.Code ?? job.ErrorCode;
        job.ErrorMessage = answer.Error?.Message ?? job.ErrorMessage;
        job.MovieId = answer.MovieId ?? job.MovieId;
        if (answer.ClientData is { Count: > 0 })
        {
            job.ClientData = ClientDataJson.ToUtf8(answer.ClientData, out var omitted) ?? (omitted ? job.ClientData : null);
        }

        if (answer.Status == RenderStatus.Completed)
        {
            job.ErrorCode = null;
            job.ErrorMessage = null;
        }
        else
        {
            job.OutputUrl = answer.OutputUrl;
            job.DurationSeconds = answer.DurationSeconds;
            job.SizeBytes = answer.SizeBytes;
            job.CreditsUsed = answer.CreditsUsed;
        }
    }

    /// <summary>True when the provider's answer confirms the recorded state: the same status and no other output URL.</summary>
    public static bool Confirms(JobRecord job, RenderReport answer) =>
        job.Status == answer.Status
        && (string.IsNullOrEmpty(job.OutputUrl) || string.IsNullOrEmpty(answer.OutputUrl) || string.Equals(job.OutputUrl, answer.OutputUrl, StringComparison.Ordinal));
}
