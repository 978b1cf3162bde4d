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
    /// What a masked text keeps of a webhook path, with no capturing group: <c>hooks</c> at the start or after a slash
    /// (not <c>webhooks</c>), each letter possibly percent-encoded, then one segment (the provider, possibly empty or a
    /// dot segment) and a slash.
    /// </summary>
    public const string KeptPattern =
        """(?:^|/)(?:[Hh]|%68)(?:[Oo]|%6[Ff]){2}(?:[Kk]|%6[Bb])(?:[Ss]|%73)/[^/?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]*/""";

    /// <summary>
    /// What is masked after <see cref="KeptPattern"/>: the rest of the path, up to a query or fragment delimiter, a
    /// control character or space, a quote, an angle bracket or a backslash (which ends a JSON string escape).
    /// </summary>
    public const string SecretPattern = """[^?#\x00-\x20\x22\x27\x3c\x3e\x5c\x7f]+""";

    /// <summary>
    /// The masking pattern: <see cref="KeptPattern"/> as group 1, then <see cref="SecretPattern"/>. The Log Analytics
    /// workspace transformation deployed by <c>infra/app/token-masking-dcr.bicep</c> applies the same pieces (KQL's
    /// regular expressions use RE2's syntax; the tests also run Rust's <c>regex</c> crate, a second engine of the same
    /// family), and the deployment tests fail when they differ. So it uses only syntax the three engines read alike:
    /// no lookaround, no backreference, no named group (spelled differently), no inline options (case is spelled out with classes, so
    /// Unicode case folding, which the engines do differently, plays no part), no <c>\d</c> <c>\s</c> <c>\w</c>
    /// <c>\b</c> (ASCII in RE2, Unicode in .NET and Rust), and characters as <c>\xHH</c> escapes, which also keeps
    /// quotes and backslashes out of the KQL and Bicep string literals.
    /// </summary>
    public const string Pattern = "(" + KeptPattern + ")" + SecretPattern;

    /// <summary>
    /// The first webhook path of a text, for a language that can only extract, not replace (the KQL functions Azure
    /// documents for transformations have no regular-expression replace): group 1 is the text up to and including
    /// the first match's <see cref="KeptPattern"/>, group 2 the text after its <see cref="SecretPattern"/>. The lazy
    /// prefix makes the match the leftmost one, as <see cref="Pattern"/> finds it; group 2 starts with a character
    /// that ends a secret (or is empty), so searching it again finds exactly the matches that follow.
    /// <c>(?s:.)</c> is any character, line breaks included, in all three engines.
    /// </summary>
    public const string FirstPathPattern = "^((?s:.)*?" + KeptPattern + ")" + SecretPattern + "((?s:.)*)";

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
