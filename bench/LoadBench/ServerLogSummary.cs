using System.Text.RegularExpressions;

namespace RenderHooks.LoadBench;

/// <summary>The warnings and errors in the server's log (console format: <c>warn: Category[EventId]</c>), counted by event.</summary>
internal static partial class ServerLogSummary
{
    public static string Summarize(string log, long fromOffset)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(fromOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (Entry().Match(line) is { Success: true } match)
            {
                var key = $"{match.Groups[1].Value} {match.Groups[2].Value}";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.Count == 0 ? "no warnings or errors" : string.Join(", ", counts.Select(c => $"{c.Value} × {c.Key}"));
    }

    [GeneratedRegex(@"^(warn|fail|crit): ([\w.]+\[\d+\])")]
    private static partial Regex Entry();
}
