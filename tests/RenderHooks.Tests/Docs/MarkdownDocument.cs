using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RenderHooks.Tests.Docs;

/// <summary>
/// The parts of a Markdown file the docs checks need: its links and its headings' anchors, both read outside fenced
/// code blocks (a <c># comment</c> in a bash block is not a heading), links also outside inline code spans.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string relativePath, IReadOnlyList<string> lines)
    {
        RelativePath = relativePath;
        Lines = lines;
    }

    /// <summary>The file's path from the repository root, with '/'.</summary>
    public string RelativePath { get; }

    /// <summary>The file's lines, those of fenced code blocks (fences included) blanked, so an index + 1 is a line number.</summary>
    public IReadOnlyList<string> Lines { get; }

    public static MarkdownDocument Parse(string relativePath, string text)
    {
        var lines = new List<string>();
        string? fence = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r').TrimStart();
            var marker = FenceMarker(trimmed);
            if (fence is null && marker is not null)
            {
                fence = marker;
                lines.Add("");
            }
            else if (fence is not null)
            {
                if (marker is not null && trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim('`', '~').Length == 0)
                {
                    fence = null;
                }

                lines.Add("");
            }
            else
            {
                lines.Add(line.TrimEnd('\r'));
            }
        }

        return new MarkdownDocument(relativePath, lines);
    }

    /// <summary>Every inline link target (<c>[text](target)</c>), with its line number.</summary>
    public IEnumerable<(int Line, string Target)> Links()
    {
        for (var i = 0; i < Lines.Count; i++)
        {
            var withoutCode = CodeSpan().Replace(Lines[i], "");
            foreach (Match match in InlineLink().Matches(withoutCode))
            {
                yield return (i + 1, match.Groups["target"].Value);
            }
        }
    }

    /// <summary>The anchors GitHub gives the headings, in order, duplicates numbered <c>-1</c>, <c>-2</c>, ….</summary>
    public IReadOnlySet<string> Anchors()
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Lines)
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            if (seen.TryGetValue(slug, out var count))
            {
                seen[slug] = count + 1;
                anchors.Add($"{slug}-{count + 1}");
            }
            else
            {
                seen[slug] = 0;
                anchors.Add(slug);
            }
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's heading anchor: the heading's text (link text for a link, code without its backquotes), lower-case,
    /// every character but letters, digits, spaces, '-' and '_' dropped, each space a '-'.
    /// </summary>
    public static string Slug(string headingText)
    {
        var text = LinkInText().Replace(headingText.Trim(), "${text}").ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    private static string? FenceMarker(string trimmed) =>
        trimmed.StartsWith("```", StringComparison.Ordinal) ? "```"
        : trimmed.StartsWith("~~~", StringComparison.Ordinal) ? "~~~"
        : null;

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkInText();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();
}
