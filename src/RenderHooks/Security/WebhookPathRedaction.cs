using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RenderHooks.Security;

/// <summary>
/// Hides the secret token of a webhook URL in text a host hands to logging or telemetry:
/// <c>/api/hooks/phantomflow/s3cret?x=1</c> becomes <c>/api/hooks/phantomflow/***?x=1</c>. The provider segment, the
/// query and everything around the path are kept, so a redacted line still says which provider called and where.
/// </summary>
/// <remarks>
/// Text may carry the raw request target rather than the path Kestrel routed (Kestrel decodes <c>%XX</c> other than
/// <c>%2F</c> and removes dot segments before routing), so the pattern does not rely on the normal form: it masks the
/// whole rest of the path after <c>hooks/{segment}/</c>, and accepts the letters of <c>hooks</c> percent-encoded. Thus
/// <c>/api/hooks/./phantomflow/T</c> becomes <c>/api/hooks/./***</c> and <c>/api/hooks/x/../phantomflow/T</c> becomes
/// <c>/api/hooks/x/***</c>: the provider is then not shown, and the token never is.
/// </remarks>
public static partial class WebhookPathRedaction
{
    /// <summary>What a token is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>
    /// The masking pattern; group 1 is what is kept. The Log Analytics workspace transformation deployed by
    /// <c>infra/app/token-masking-dcr.bicep</c> applies the same pattern (its KQL <c>replace_regex</c> runs RE2), and
    /// the deployment tests fail when the two differ. So it uses only syntax RE2 and .NET read alike: no lookaround,
    /// no backreference, no named group (RE2 and .NET spell them differently), no inline options (case is spelled out
    /// with classes, so Unicode case folding, which the engines do differently, plays no part), and characters as
    /// <c>\xHH</c> escapes, which also keeps quotes and backslashes out of the KQL and Bicep string literals.
    /// </summary>
    /// <remarks>
    /// <c>hooks</c> at the start or after a slash (not <c>webhooks</c>), each letter possibly percent-encoded; then one
    /// segment (the provider, possibly empty or a dot segment) and a slash, all kept; then the masked rest of the path:
    /// everything up to a query or fragment delimiter, a control character or space, a quote, an angle bracket or a
    /// backslash (which ends a JSON string escape).
    /// </remarks>
    public const string Pattern =
        """((?:^|/)(?:[Hh]|%68)(?:[Oo]|%6[Ff]){2}(?:[Kk]|%6[Bb])(?:[Ss]|%73)/[^/?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]*/)[^?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]+""";

    /// <summary>The replacement in .NET's syntax: group 1, then <see cref="Mask"/> (KQL writes it <c>\1***</c>).</summary>
    public const string Replacement = "$1" + Mask;

    /// <returns>
    /// <paramref name="text"/> with the rest of the path after every <c>hooks/{provider}/</c> replaced by
    /// <see cref="Mask"/>; the same instance when there is nothing to hide.
    /// </returns>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text : WebhookPath().Replace(text, Replacement);

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

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex WebhookPath();
}
