using System.Text;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Builds the large inputs of the cost tests: text repeated to a size, distinct JSON properties.</summary>
public static class CostlyInput
{
    public const int OneMiB = 1024 * 1024;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary><paramref name="item"/> repeated to about <paramref name="size"/> characters, then <paramref name="end"/>.</summary>
    public static string Fill(string item, string end, int size = OneMiB - 100)
    {
        var builder = new StringBuilder(size + item.Length);
        while (builder.Length + item.Length + end.Length < size)
        {
            builder.Append(item);
        }

        return builder.Append(end).ToString();
    }

    /// <summary>Distinct properties (<paramref name="property"/> of 0, 1, 2 …), comma-separated, to about <paramref name="size"/> characters, then <paramref name="end"/>.</summary>
    public static string Properties(Func<int, string> property, string end, int size = OneMiB - 100)
    {
        var builder = new StringBuilder(size + 64);
        for (var i = 0; builder.Length < size - 64; i++)
        {
            builder.Append(property(i)).Append(',');
        }

        builder.Length--;
        return builder.Append(end).ToString();
    }
}
