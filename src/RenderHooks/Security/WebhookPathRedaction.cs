using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RenderHooks.Security;

/// <summary>
/// Hides the secret token of a webhook URL in text a host hands to logging or telemetry:
/// <c>/api/hooks/phantomflow/s3cret?x=1</c> becomes <c>/api/hooks/phantomflow/***?x=1</c>. Everything else is kept,
/// so a redacted line still says which provider called and where.
/// </summary>
public static partial class WebhookPathRedaction
{
    /// <summary>What a token is replaced with.</summary>
    public const string Mask = "***";

    /// <returns>
    /// <paramref name="text"/> with the segment after every <c>hooks/{provider}/</c> replaced by <see cref="Mask"/>
    /// (route matching is case-insensitive, so is this); the same instance when there is nothing to hide.
    /// </returns>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.IndexOf("hooks/", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return text;
        }

        return WebhookPath().Replace(text, "${route}" + Mask);
    }

    /// <summary>Redacts every value of <paramref name="properties"/> in place (telemetry properties, log state).</summary>
    public static void RedactValues(IDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var key in properties.Keys.ToArray())
        {
            var value = properties[key];
            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                properties[key] = redacted;
            }
        }
    }

    // "hooks/" at the start or after a slash (not "webhooks/"), one provider segment, then the token: anything up to
    // the next path, query or fragment delimiter, whitespace or quote.
    [GeneratedRegex("""(?<route>(?:^|/)hooks/[^/?#\s"'<>]+/)[^/?#\s"'<>]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebhookPath();
}
