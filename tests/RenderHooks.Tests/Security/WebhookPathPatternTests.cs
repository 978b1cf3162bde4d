using System.Text.RegularExpressions;
using RenderHooks.Security;

namespace RenderHooks.Tests.Security;

/// <summary>
/// The masking pattern means the same to .NET (the library) and to the engines behind KQL's regular expressions (the
/// workspace transformation): RE2 and Rust's regex crate. The same samples, the same results, and only syntax all
/// three read alike.
/// </summary>
public sealed class WebhookPathPatternTests
{
    private static List<(string Text, string Masked)> Samples =>
        WebhookPathSamples.Masked.Concat(WebhookPathSamples.Unchanged.Select(text => (Text: text, Masked: text))).ToList();

    [Theory]
    [MemberData(nameof(RegexEngines.All), MemberType = typeof(RegexEngines))]
    public async Task Engine_MasksEverySample_AsTheLibraryDoes(string engine)
    {
        var samples = Samples;

        var masked = await RegexEngines.ReplaceAsync(engine, WebhookPathRedaction.Pattern, WebhookPathRedaction.Replacement, samples.Select(s => s.Text).ToList());

        Assert.Equal(samples.Count, masked.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var (text, expected) = samples[i];
            Assert.Equal(expected, WebhookPathRedaction.Redact(text));
            Assert.True(expected == masked[i], $"{engine} masks {text} as {masked[i]}, .NET as {expected}.");
        }
    }

    [Fact]
    public void Pattern_IsTheKeptPart_AsGroup1_ThenTheSecret() =>
        Assert.Equal($"({WebhookPathRedaction.KeptPattern}){WebhookPathRedaction.SecretPattern}", WebhookPathRedaction.Pattern);

    [Fact]
    public void FirstPathPattern_SplitsAtTheFirstMatch_OfPattern()
    {
        // What the KQL builds from it: group 1, the mask, then the rest masked again, must be what Redact writes.
        var first = new Regex(WebhookPathRedaction.FirstPathPattern, RegexOptions.CultureInvariant);
        foreach (var (text, expected) in Samples)
        {
            Assert.Equal(expected, MaskAll(text));
        }

        string MaskAll(string text)
        {
            var match = first.Match(text);
            Assert.Equal(new Regex(WebhookPathRedaction.Pattern).IsMatch(text), match.Success);
            return match.Success ? match.Groups[1].Value + WebhookPathRedaction.Mask + MaskAll(match.Groups[2].Value) : text;
        }
    }

    [Theory]
    [InlineData(WebhookPathRedaction.Pattern)]
    [InlineData(WebhookPathRedaction.FirstPathPattern)]
    public void Pattern_FitsInAKqlVerbatimLiteral_AndABicepMultilineString(string pattern)
    {
        // The DCR writes it inside KQL's @'…' (ends at the next quote, processes no escapes) and a Bicep multi-line string.
        Assert.DoesNotContain('\'', pattern);
        Assert.DoesNotContain('\n', pattern);
        Assert.Equal("$1***", WebhookPathRedaction.Replacement);
    }

    [Theory]
    [InlineData("(?=", "lookahead")]
    [InlineData("(?!", "negative lookahead")]
    [InlineData("(?<=", "lookbehind")]
    [InlineData("(?<!", "negative lookbehind")]
    [InlineData("(?<", "named group (.NET (?<n>), RE2 before 2023 only (?P<n>))")]
    [InlineData("(?P<", "named group in RE2's spelling, which .NET refuses")]
    [InlineData("(?>", "atomic group")]
    [InlineData("(?i", "inline option (case folding differs between the engines)")]
    [InlineData(@"\k<", "named backreference")]
    [InlineData(@"\p{", "Unicode category (the engines' tables differ)")]
    [InlineData(@"\s", "whitespace class (ASCII in RE2, Unicode in .NET)")]
    [InlineData(@"\w", "word class (ASCII in RE2, Unicode in .NET)")]
    [InlineData(@"\d", "digit class (ASCII in RE2, Unicode in .NET)")]
    [InlineData(@"\b", "word boundary (ASCII in RE2, Unicode in .NET)")]
    [InlineData("&&", "class intersection (Rust's regex crate; RE2 and .NET read it as two ampersands)")]
    [InlineData("--", "class difference (Rust's regex crate; a range or literal hyphens elsewhere)")]
    [InlineData("~~", "class symmetric difference (Rust's regex crate)")]
    [InlineData("*+", "possessive quantifier")]
    [InlineData("++", "possessive quantifier")]
    public void Pattern_UsesNoSyntax_TheEnginesReadDifferently(string syntax, string what)
    {
        Assert.False(WebhookPathRedaction.Pattern.Contains(syntax, StringComparison.Ordinal), $"The pattern uses a {what}: {syntax}");
        // The KQL's split of a text at its first path adds only (?s:.), any character in all three engines.
        var first = WebhookPathRedaction.FirstPathPattern.Replace("(?s:.)", "", StringComparison.Ordinal);
        Assert.False(first.Contains(syntax, StringComparison.Ordinal), $"The first-path pattern uses a {what}: {syntax}");
    }

    [Theory]
    [InlineData(WebhookPathRedaction.Pattern)]
    [InlineData(WebhookPathRedaction.FirstPathPattern)]
    public void Pattern_HasNoBracketInsideAClass(string pattern) =>
        // Rust's regex crate reads [a[b]] as a nested class, RE2 and .NET as a class holding '[' then a literal ']'.
        Assert.DoesNotMatch(new Regex(@"\[[^\]]*\["), pattern);

    [Theory]
    [InlineData(WebhookPathRedaction.Pattern)]
    [InlineData(WebhookPathRedaction.FirstPathPattern)]
    public void Pattern_HasNoNumberedBackreference(string pattern) =>
        Assert.DoesNotMatch(new Regex(@"\\[1-9]"), pattern);
}
