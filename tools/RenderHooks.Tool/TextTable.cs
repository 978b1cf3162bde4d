using System.Globalization;

namespace RenderHooks.Tool;

/// <summary>
/// Prints rows as aligned columns, the last column unpadded (reasons are long). Stored text can come from webhooks, so
/// control characters (terminal escapes among them) are printed as <c>?</c>.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string?[] cells) => _rows.Add([.. cells.Select(Clean)]);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        Write(output, headers, widths);
        foreach (var row in _rows)
        {
            Write(output, row, widths);
        }
    }

    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static void Write(TextWriter output, string[] cells, int[] widths)
    {
        var last = cells.Length - 1;
        output.WriteLine(string.Join("  ", cells.Select((c, i) => i == last ? c : c.PadRight(widths[i]))).TrimEnd());
    }

    private static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "-" : new string([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
}
