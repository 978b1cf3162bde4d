using System.Text.Json;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Providers.PhantomFlow;

/// <summary>
/// Reads PhantomFlow's <c>GET /api/jobs/{id}</c> answer. PhantomFlow documents errors as <c>{"error":{"code","message"}}</c>
/// with 401 UNAUTHORIZED, 404 NOT_FOUND (unknown or not owned) and 429 RATE_LIMIT_EXCEEDED + <c>Retry-After</c>, and
/// <c>queued</c> as a job's first status. The job body is assumed to carry the webhook's fields; it may sit at the root or
/// under <c>job</c> or <c>data</c>. <c>completed</c> and <c>failed</c> are terminal and read by <see cref="PhantomFlowAdapter"/>;
/// any other status is in progress.
/// </summary>
internal static class PhantomFlowStatusReader
{
    public static ProviderStatus Read(StatusApiAnswer answer, string jobId)
    {
        if (StatusApiAnswerRules.Classify(answer) is { } common)
        {
            return common;
        }

        using var document = StatusApiBody.TryParse(answer);
        if (!StatusApiAnswerRules.IsSuccess(answer))
        {
            var code = ErrorCode(document);
            return answer.StatusCode is 404 or 410
                ? ProviderStatuses.Unknown($"HTTP {answer.StatusCode}{StatusApiBody.Quoted(code)}: PhantomFlow does not know the job")
                : ProviderStatuses.Unavailable($"HTTP {answer.StatusCode}{StatusApiBody.Quoted(code)}");
        }

        if (document is null)
        {
            return ProviderStatuses.Unavailable(answer.Body.Length == 0 ? "empty answer" : "the answer is not a JSON object");
        }

        if (FindJob(document.RootElement) is not { } job)
        {
            return ProviderStatuses.Unavailable("the answer carries no job status");
        }

        if (LenientValue.Get(job, "status") is not { ValueKind: JsonValueKind.String } statusValue
            || LenientValue.ReadString(statusValue) is not { } state)
        {
            return ProviderStatuses.Unavailable("the answer carries no status text");
        }

        if (AnsweredId(job) is { } answeredId && !string.Equals(answeredId, jobId, StringComparison.OrdinalIgnoreCase))
        {
            return ProviderStatuses.Unavailable("the answer is about another job");
        }

        if (!state.Equals("completed", StringComparison.OrdinalIgnoreCase) && !state.Equals("failed", StringComparison.OrdinalIgnoreCase))
        {
            return ProviderStatuses.InProgress(state);
        }

        var result = PhantomFlowAdapter.Read(job, jobId);
        return result.IsSuccess
            ? ProviderStatuses.Terminal(result.Report, state)
            : ProviderStatuses.Unavailable($"unreadable {state} answer: {result.Reason}");
    }

    /// <summary>The job object: the root when it has <c>status</c> or <c>job_id</c>, else under <c>job</c>, <c>data</c> or <c>data.job</c>.</summary>
    private static JsonElement? FindJob(JsonElement root)
    {
        if (IsJob(root))
        {
            return root;
        }

        foreach (var name in (string[])["job", "data"])
        {
            if (LenientValue.Get(root, name) is { ValueKind: JsonValueKind.Object } inner)
            {
                if (IsJob(inner))
                {
                    return inner;
                }

                if (LenientValue.Get(inner, "job") is { ValueKind: JsonValueKind.Object } nested && IsJob(nested))
                {
                    return nested;
                }
            }
        }

        return null;
    }

    private static bool IsJob(JsonElement value) => LenientValue.Get(value, "status") is not null || LenientValue.Get(value, "job_id") is not null;

    private static string? AnsweredId(JsonElement job) =>
        LenientValue.ReadString(LenientValue.Get(job, "job_id")) ?? LenientValue.ReadString(LenientValue.Get(job, "id"));

    private static string? ErrorCode(JsonDocument? document) =>
        document is null ? null
        : LenientValue.Get(document.RootElement, "error") is { ValueKind: JsonValueKind.Object } error
            ? LenientValue.ReadText(LenientValue.Get(error, "code"), 100)
            : LenientValue.ReadText(LenientValue.Get(document.RootElement, "code"), 100);
}
