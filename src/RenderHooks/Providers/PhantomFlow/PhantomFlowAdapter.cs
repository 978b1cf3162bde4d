using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RenderHooks.Providers.PhantomFlow;

/// <summary>
/// Reads PhantomFlow's webhook: <c>{job_id, status, output_url, duration_seconds, credits_used, error}</c>,
/// tolerating unknown fields, numbers sent as strings, <c>error</c> as a plain string and optional
/// <c>width</c>, <c>height</c> and <c>size_bytes</c>.
/// </summary>
internal sealed class PhantomFlowAdapter : IProviderAdapter
{
    private const int MaxCodeLength = 100;
    private const int MaxMessageLength = 1000;

    public string Name => ProviderNames.PhantomFlow;

    public bool AcceptsMediaType(string mediaType) => MediaTypes.IsJson(mediaType);

    public ParseResult Parse(ReadOnlyMemory<byte> body, string mediaType)
    {
        if (!AcceptsMediaType(mediaType))
        {
            return ParseResult.Failure(MediaTypes.UnsupportedReason(mediaType));
        }

        if (!JsonBody.TryParseObject(body, out var document, out var reason))
        {
            return ParseResult.Failure(reason);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static ParseResult Read(JsonElement root) =>
        JobIdRules.TryRead(LenientValue.Get(root, "job_id"), "job_id", out var jobId, out var reason)
            ? Read(root, jobId)
            : ParseResult.Failure(reason);

    /// <summary>
    /// Reads a job whose id is already known — a status answer about that job, read in place, without a copy —
    /// with every rule of the webhook but the one for <c>job_id</c>.
    /// </summary>
    internal static ParseResult Read(JsonElement root, string jobId)
    {
        if (!TryReadStatus(LenientValue.Get(root, "status"), out var status, out var reason))
        {
            return ParseResult.Failure(reason);
        }

        var completed = status == RenderStatus.Completed;
        return ParseResult.Success(new RenderReport
        {
            Provider = ProviderNames.PhantomFlow,
            JobId = jobId,
            Status = status,
            OutputUrl = completed ? OutputUrlRules.Normalize(LenientValue.ReadString(LenientValue.Get(root, "output_url"))) : null,
            DurationSeconds = LenientValue.ReadDouble(LenientValue.Get(root, "duration_seconds")),
            Width = LenientValue.ReadInt32(LenientValue.Get(root, "width")),
            Height = LenientValue.ReadInt32(LenientValue.Get(root, "height")),
            SizeBytes = LenientValue.ReadInt64(LenientValue.Get(root, "size_bytes")),
            CreditsUsed = LenientValue.ReadInt64(LenientValue.Get(root, "credits_used")),
            Error = completed ? null : ReadError(LenientValue.Get(root, "error")),
        });
    }

    private static bool TryReadStatus(JsonElement? value, out RenderStatus status, [NotNullWhen(false)] out string? reason)
    {
        status = default;
        reason = null;
        if (value is null)
        {
            reason = "missing status";
            return false;
        }

        if (value.Value.ValueKind != JsonValueKind.String || !LenientValue.TryGetString(value, out var text))
        {
            reason = "status must be a string";
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Equals("completed", StringComparison.OrdinalIgnoreCase))
        {
            status = RenderStatus.Completed;
            return true;
        }

        if (trimmed.Equals("failed", StringComparison.OrdinalIgnoreCase))
        {
            status = RenderStatus.Failed;
            return true;
        }

        reason = trimmed.Length == 0
            ? "missing status (empty)"
            : $"status '{ReasonText.Quote(trimmed)}' is not completed or failed";
        return false;
    }

    private static RenderError? ReadError(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.Object } error)
        {
            var code = LenientValue.ReadText(LenientValue.Get(error, "code"), MaxCodeLength);
            var message = LenientValue.ReadText(LenientValue.Get(error, "message"), MaxMessageLength);
            return code is null && message is null ? null : new RenderError(code, message);
        }

        return LenientValue.ReadText(value, MaxMessageLength) is { } text ? new RenderError(null, text) : null;
    }
}
