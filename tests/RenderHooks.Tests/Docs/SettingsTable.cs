using System.Text.RegularExpressions;

namespace RenderHooks.Tests.Docs;

/// <summary>
/// The table of docs/configuration.md under "RenderHooks settings": each row's setting name and the default it
/// states (the first value in backquotes), or <see langword="null"/> for a default written as "—" (none).
/// </summary>
internal static partial class SettingsTable
{
    public const string Page = "docs/configuration.md";
    public const string Heading = "## RenderHooks settings";

    public static IReadOnlyList<(string Name, string? Default)> Rows(string markdown)
    {
        var section = markdown.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"{Page} has no '{Heading}' section.");
        var rows = new List<(string, string?)>();
        foreach (var line in markdown[(section + Heading.Length + 2)..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split(" | ");
            var name = Row().Match(cells[0].Trim());
            if (!name.Success)
            {
                continue;
            }

            Assert.True(cells.Length >= 3, $"{Page}: the row of {name.Groups["name"].Value} has no default column.");
            var cell = cells[1].Trim();
            var value = Backquoted().Match(cell);
            string? stated = cell.StartsWith('—') ? null
                : value.Success && value.Index == 0 ? value.Groups["value"].Value
                : throw new InvalidOperationException($"{Page}: the default of {name.Groups["name"].Value} ('{cell}') is neither '—' nor a value in backquotes.");
            rows.Add((name.Groups["name"].Value, stated));
        }

        return rows;
    }

    [GeneratedRegex(@"^`(?<name>RenderHooks:[^`]+)`$")]
    private static partial Regex Row();

    [GeneratedRegex(@"`(?<value>[^`]+)`")]
    private static partial Regex Backquoted();
}
