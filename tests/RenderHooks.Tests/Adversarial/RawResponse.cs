using System.Globalization;
using System.Text;

namespace RenderHooks.Tests.Adversarial;

/// <summary>An HTTP/1.1 answer read off a raw connection: the status (0 when none came), headers and the body, chunks joined.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, string Raw, bool TimedOut)
{
    public static RawResponse Parse(byte[] bytes, bool timedOut)
    {
        var raw = Encoding.Latin1.GetString(bytes);
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!raw.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || end < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), string.Empty, raw, timedOut);
        }

        var lines = raw[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = raw[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)), raw, timedOut);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }

            var size = int.Parse(chunked[at..lineEnd].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Append(chunked, lineEnd + 2, Math.Min(size, chunked.Length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }

        return body.ToString();
    }
}
