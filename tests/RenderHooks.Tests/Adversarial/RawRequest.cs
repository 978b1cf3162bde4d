using System.Globalization;
using System.Text;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// HTTP/1.1 requests as bytes on the wire. Every request asks the server to close the connection after answering, so a
/// reader knows the answer is complete when the connection ends.
/// </summary>
public static class RawRequest
{
    /// <summary>The webhook path of <paramref name="provider"/> with the server's token.</summary>
    public static string Hook(string provider = "phantomflow", string token = ServerFactory.Token) => $"/api/hooks/{provider}/{token}";

    /// <summary>A POST framed by Content-Length; <paramref name="headers"/> are extra lines, each ending in CRLF.</summary>
    public static byte[] Post(string target, string? contentType, byte[] body, string headers = "") =>
        Join(Head("POST", target, contentType, headers + $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n"), body);

    public static byte[] Post(string target, string? contentType, string body, string headers = "") => Post(target, contentType, Encoding.UTF8.GetBytes(body), headers);

    /// <summary>A POST whose body is sent in chunks of at most 4 KiB, without Content-Length.</summary>
    public static byte[] PostChunked(string target, string? contentType, byte[] body, string headers = "")
    {
        var framed = new MemoryStream();
        for (var at = 0; at < body.Length; at += 4096)
        {
            var size = Math.Min(4096, body.Length - at);
            framed.Write(Latin1($"{size:x}\r\n"));
            framed.Write(body, at, size);
            framed.Write("\r\n"u8);
        }

        framed.Write("0\r\n\r\n"u8);
        return Join(Head("POST", target, contentType, headers + "Transfer-Encoding: chunked\r\n"), framed.ToArray());
    }

    /// <summary>A request without a body.</summary>
    public static byte[] Get(string target, string method = "GET") => Head(method, target, null, string.Empty);

    /// <summary>Headers only, for a test that writes the body itself.</summary>
    public static byte[] Head(string method, string target, string? contentType, string headers) =>
        Latin1($"{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + (contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n")
            + headers + "\r\n");

    /// <summary>Text whose characters are sent as single bytes (U+0000–U+00FF), so any byte can be written.</summary>
    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
