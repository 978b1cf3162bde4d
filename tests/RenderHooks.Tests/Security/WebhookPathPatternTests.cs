using System.Text.RegularExpressions;
using RenderHooks.Security;

namespace RenderHooks.Tests.Security;

/// <summary>
/// The masking pattern means the same to .NET (the library) and to RE2 (the KQL of the workspace transformation):
/// the same samples, the same results, and only syntax both engines read alike.
/// </summary>
public sealed class WebhookPathPatternTests
{
    [Fact]
    public async Task Re2_MasksEverySample_AsTheLibraryDoes()
    {
        var samples = WebhookPathSamples.Masked
            .Concat(WebhookPathSamples.Unchanged.Select(text => (Text: text, Masked: text)))
            .ToList();

        // RE2's replacement syntax in JavaScript is $1, as in .NET; KQL writes the same group \1.
        var re2 = await Re2.ReplaceAsync(WebhookPathRedaction.Pattern, WebhookPathRedaction.Replacement, samples.Select(s => s.Text).ToList());

        Assert.Equal(samples.Count, re2.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var (text, expected) = samples[i];
            Assert.Equal(expected, WebhookPathRedaction.Redact(text));
            Assert.True(expected == re2[i], $"RE2 masks {text} as {re2[i]}, .NET as {expected}.");
        }
    }

    [Fact]
    public void Pattern_FitsInAKqlVerbatimLiteral_AndABicepMultilineString()
    {
        // The DCR writes it inside KQL's @'…' (ends at the next quote, processes no escapes) and a Bicep multi-line string.
        Assert.DoesNotContain('\'', WebhookPathRedaction.Pattern);
        Assert.DoesNotContain('\n', WebhookPathRedaction.Pattern);
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
    [InlineData("*+", "possessive quantifier")]
    [InlineData("++", "possessive quantifier")]
    public void Pattern_UsesNoSyntax_TheEnginesReadDifferently(string syntax, string what) =>
        Assert.False(WebhookPathRedaction.Pattern.Contains(syntax, StringComparison.Ordinal), $"The pattern uses a {what}: {syntax}");

    [Fact]
    public void Pattern_HasNoNumberedBackreference() =>
        Assert.DoesNotMatch(new Regex(@"\\[1-9]"), WebhookPathRedaction.Pattern);
}
