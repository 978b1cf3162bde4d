using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Decides what a JSON2Video webhook reports. An explicit <c>status</c> wins, then a <c>success</c> flag
/// (<c>false</c> anywhere means failed); with neither, the <c>url</c> decides, because a failed render may
/// arrive with an empty or partial url and no status. The output url is reported only when it is a complete
/// file url (absolute http(s), last segment a file name with an extension).
/// </summary>
internal sealed record Json2VideoOutcome(RenderStatus Status, string? OutputUrl, RenderError? Error)
{
    public const string NoOutputUrlCode = "NO_OUTPUT_URL";
    public const string PartialOutputUrlCode = "PARTIAL_OUTPUT_URL";
    private const int MaxMessageLength = 1000;

    public static bool TryResolve(Json2VideoFields fields, [NotNullWhen(true)] out Json2VideoOutcome? outcome, [NotNullWhen(false)] out string? reason)
    {
        outcome = null;
        var url = LenientValue.ReadString(fields.Find("url"));
        var message = LenientValue.ReadText(fields.Find("message"), MaxMessageLength);
        var flags = fields.SuccessFlags().ToList();
        var failedFlag = flags.Contains(false);

        if (fields.Find("status") is { } statusValue)
        {
            if (statusValue.ValueKind != JsonValueKind.String || !LenientValue.TryGetString(statusValue, out var raw))
            {
                reason = "status must be a string";
                return false;
            }

            var status = raw.Trim();
            if (status.Length > 0)
            {
                switch (status.ToLowerInvariant())
                {
                    case "done" or "success" or "completed":
                        outcome = failedFlag ? Failed(message) : Completed(OutputUrlRules.IsCompleteFileUrl(url) ? url : null);
                        break;
                    case "error" or "failed" or "failure":
                        outcome = Failed(message);
                        break;
                    case "pending" or "running":
                        reason = $"non-terminal status '{ReasonText.Quote(status)}'";
                        return false;
                    default:
                        reason = $"unknown status '{ReasonText.Quote(status)}'";
                        return false;
                }

                reason = null;
                return true;
            }
        }

        reason = null;
        if (failedFlag)
        {
            outcome = Failed(message);
        }
        else if (flags.Count > 0)
        {
            outcome = Completed(OutputUrlRules.IsCompleteFileUrl(url) ? url : null);
        }
        else if (url is null)
        {
            outcome = new(RenderStatus.Failed, null, new RenderError(NoOutputUrlCode, message ?? "The webhook carried no output url and no status."));
        }
        else if (!OutputUrlRules.IsCompleteFileUrl(url))
        {
            outcome = new(RenderStatus.Failed, null, new RenderError(PartialOutputUrlCode, message ?? "The webhook carried an incomplete output url and no status."));
        }
        else
        {
            outcome = Completed(url);
        }

        return true;
    }

    private static Json2VideoOutcome Completed(string? url) => new(RenderStatus.Completed, url, null);

    private static Json2VideoOutcome Failed(string? message) =>
        new(RenderStatus.Failed, null, message is null ? null : new RenderError(null, message));
}
