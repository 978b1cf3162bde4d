using System.Text;
using RenderHooks.Intake;
using RenderHooks.Tests.Infrastructure;
using static RenderHooks.Tests.Adversarial.RawRequest;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Requests the receiver must refuse without storing anything: wrong tokens, routes bent by traversal, broken or
/// conflicting framing and headers, media types and bodies the contract refuses. Statuses below 404/413/415/400 for
/// the webhook route are the contract's; the rest are what the server (Kestrel) answers a request it cannot parse.
/// </summary>
public static class RefusedRequests
{
    private const string Json = "application/json";
    private const string T = ServerFactory.Token;

    public static IReadOnlyList<HostileCase> All =>
    [
        .. Tokens(), .. Routes(), .. Framing(), .. MediaTypes(), .. Bodies(),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static HostileCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Tokens that differ in one character or in length, and the other ways of not sending the token: 404, one answer for all.</summary>
    private static IEnumerable<HostileCase> Tokens()
    {
        var body = Valid();
        yield return new("token differs in its last character", Post(Hook(token: T[..^1] + "8"), Json, body), 404);
        yield return new("token differs in its first character", Post(Hook(token: "t" + T[1..]), Json, body), 404);
        yield return new("token differs in its middle character", Post(Hook(token: T[..14] + "X" + T[15..]), Json, body), 404);
        yield return new("token one character short", Post(Hook(token: T[..^1]), Json, body), 404);
        yield return new("token one character long", Post(Hook(token: T + "0"), Json, body), 404);
        yield return new("token twice", Post(Hook(token: T + T), Json, body), 404);
        yield return new("token in upper case", Post(Hook(token: T.ToUpperInvariant()), Json, body), 404);
        yield return new("token with a trailing space", Post(Hook(token: T + "%20"), Json, body), 404);
        yield return new("token of one character", Post(Hook(token: "s"), Json, body), 404);
        yield return new("unknown provider, valid token", Post(Hook("runway"), Json, body), 404);
        yield return new("provider and token swapped", Post($"/api/hooks/{T}/phantomflow", Json, body), 404);
        yield return new("no token segment", Post("/api/hooks/phantomflow/", Json, body), 404);
        yield return new("token in the query string instead of the path", Post($"/api/hooks/phantomflow?token={T}", Json, body), 404);
        yield return new("token split by an encoded slash", Post($"/api/hooks/phantomflow/{T[..6]}%2F{T[6..]}", Json, body), 404);
        yield return new("fragment after the token", Post(Hook() + "#x", Json, body), 404);
        yield return new("wrong token and a body over the limit", Post(Hook(token: T[..^1] + "8"), Json, Oversized()), 404);
        yield return new("wrong token and no Content-Type", Post(Hook(token: T[..^1] + "8"), null, body), 404);
        yield return new("wrong token and an empty body", Post(Hook(token: T[..^1] + "8"), Json, string.Empty), 404);
    }

    /// <summary>Path traversal and odd request targets: none reaches intake with the token, none reaches a management route without its key.</summary>
    private static IEnumerable<HostileCase> Routes()
    {
        var body = Valid();
        yield return new("dot segments into the job route, without the management key", Get("/api/hooks/../jobs/phantomflow/abc"), 401);
        yield return new("dot segments into the registration route, without the management key", Post("/api/hooks/../jobs", Json, """{"provider":"phantomflow","jobId":"x"}"""), 401);
        yield return new("dot segments from the token onto the health route", Post(Hook() + "/../../../health", Json, body), 405);
        yield return new("encoded dot segments in the token", Post("/api/hooks/phantomflow/..%2F..%2Fjobs", Json, body), 404);
        yield return new("backslashes as path separators", Post($"/api/hooks\\phantomflow\\{T}", Json, body), 404);
        yield return new("absolute-form target naming another host", Post($"http://evil.example{Hook()}", Json, body), 400);
        yield return new("request target of 9,000 characters", Post(Hook(token: new string('a', 9000)), Json, body), 414);
        yield return new("encoded NUL after the token", Post(Hook() + "%00", Json, body), 400);
        yield return new("raw NUL byte in the target", Post(Hook() + "\0", Json, body), 400);
        yield return new("byte that is not UTF-8 in the target", Post(Hook() + "\u00e9", Json, body), 400);
        yield return new("GET on the webhook route", Get(Hook()), 405);
        yield return new("PUT on the webhook route", Join(Head("PUT", Hook(), Json, $"Content-Length: {body.Length}\r\n"), body), 405);
        yield return new("CONNECT to another host", Latin1("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\nConnection: close\r\n\r\n"), 404);
    }

    /// <summary>Request lines and headers that do not parse, header injection, and framing that could smuggle a second request.</summary>
    private static IEnumerable<HostileCase> Framing()
    {
        var body = Valid();
        var length = $"Content-Length: {body.Length}\r\n";
        yield return new("bare CR inside a header", Join(Head("POST", Hook(), Json, "X-Note: a\rInjected: b\r\n" + length), body), 400);
        yield return new("NUL inside a header value", Join(Head("POST", Hook(), Json, "X-Note: a\0b\r\n" + length), body), 400);
        yield return new("space before a header colon", Join(Head("POST", Hook(), null, "Content-Type : application/json\r\n" + length), body), 400);
        yield return new("folded header line", Join(Head("POST", Hook(), Json, " X-Folded: yes\r\n" + length), body), 400);
        yield return new("blank line injected into Content-Type", Join(Latin1($"POST {Hook()} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n{length}\r\n"), body), 400);
        yield return new("two different Content-Length headers", Post(Hook(), Json, body, "Content-Length: 5\r\n"), 400);
        yield return new("negative Content-Length", Join(Head("POST", Hook(), Json, "Content-Length: -5\r\n"), body), 400);
        yield return new("Content-Length beyond 64 bits", Join(Head("POST", Hook(), Json, "Content-Length: 99999999999999999999999\r\n"), body), 400);
        yield return new("Content-Length that is not a number", Join(Head("POST", Hook(), Json, "Content-Length: 0x10\r\n"), body), 400);
        yield return new("Transfer-Encoding other than chunked", Join(Head("POST", Hook(), Json, "Transfer-Encoding: identity\r\n"), body), 400);
        yield return new("chunk size that is not hexadecimal", Join(Head("POST", Hook(), Json, "Transfer-Encoding: chunked\r\n"), Latin1("zz\r\n"), body, Latin1("\r\n0\r\n\r\n")), 400);
        yield return new("chunk longer than its declared size", Join(Head("POST", Hook(), Json, "Transfer-Encoding: chunked\r\n"), Latin1("4\r\n"), body, Latin1("\r\n0\r\n\r\n")), 400);
        yield return new("more than 100 headers", Post(Hook(), Json, body, string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: v\r\n"))), 431);
        yield return new("header of 40,000 characters", Post(Hook(), Json, body, $"X-Big: {new string('a', 40_000)}\r\n"), 431);
        yield return new("no Host header", Join(Latin1($"POST {Hook()} HTTP/1.1\r\nConnection: close\r\nContent-Type: application/json\r\n{length}\r\n"), body), 400);
        yield return new("two Host headers", Post(Hook(), Json, body, "Host: other.example\r\n"), 400);
        yield return new("method that is not a token", Join(Head("P@ST", Hook(), Json, length), body), 400);
        yield return new("request line that is not HTTP", Latin1("GARBAGE\r\n\r\n"), 400);
        yield return new("TLS handshake sent to the HTTP port", Latin1("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"), 400);
        yield return new("HTTP version 9.9", Latin1($"POST {Hook()} HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n{length}\r\n").Concat(body).ToArray(), 505);
    }

    /// <summary>Media types and charsets the providers do not send: 415.</summary>
    private static IEnumerable<HostileCase> MediaTypes()
    {
        var body = Valid();
        yield return new("text/plain", Post(Hook(), "text/plain", body), 415);
        yield return new("application/xml", Post(Hook(), "application/xml", body), 415);
        yield return new("JSON declared as UTF-16", Post(Hook(), "application/json; charset=utf-16", body), 415);
        yield return new("form declared as Latin-1 to JSON2Video", Post(Hook("json2video"), "application/x-www-form-urlencoded; charset=iso-8859-1", "project=x"), 415);
        yield return new("a list of media types", Post(Hook(), "application/json, text/plain", body), 415);
        yield return new("two Content-Type headers", Post(Hook(), Json, body, "Content-Type: text/plain\r\n"), 415);
        yield return new("media type with a 200-character subtype", Post(Hook(), "application/" + new string('j', 200), body), 415);
        yield return new("form to PhantomFlow", Post(Hook(), "application/x-www-form-urlencoded", "job_id=x&status=completed"), 415);
        yield return new("multipart to JSON2Video", Post(Hook("json2video"), "multipart/form-data; boundary=x", "--x--"), 415);
        yield return new("no Content-Type", Post(Hook(), null, body), 415);
        yield return new("empty Content-Type", Post(Hook(), string.Empty, body), 415);
    }

    /// <summary>Bodies the contract refuses whatever they say: empty (400) and over the limit (413), however framed.</summary>
    private static IEnumerable<HostileCase> Bodies()
    {
        yield return new("empty body", Post(Hook(), Json, string.Empty), 400);
        yield return new("whitespace-only body", Post(Hook(), Json, " \r\n\t "), 400);
        yield return new("empty chunked body", PostChunked(Hook(), Json, []), 400);
        yield return new("body one byte over the limit", Post(Hook(), Json, Oversized()), 413);
        yield return new("body over the limit, chunked without Content-Length", PostChunked(Hook(), Json, Oversized(IntakeOptions.DefaultMaxBodyBytes + 100_000)), 413);
        yield return new("Content-Length of 100 MB announced, little sent", Join(Head("POST", Hook(), Json, "Content-Length: 100000000\r\n"), Valid()), 413);
        yield return new("Content-Length of 1 TB announced", Join(Head("POST", Hook(), Json, "Content-Length: 1000000000000\r\n"), Valid()), 413);
    }

    private static byte[] Valid() => Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()));

    /// <summary>A JSON object of <paramref name="bytes"/> bytes (one more than the limit by default).</summary>
    private static byte[] Oversized(int bytes = IntakeOptions.DefaultMaxBodyBytes + 1)
    {
        var prefix = "{\"job_id\":\"x\",\"status\":\"completed\",\"pad\":\""u8.ToArray();
        var body = new byte[bytes];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length, bytes - prefix.Length - 2).Fill((byte)'a');
        "\"}"u8.CopyTo(body.AsSpan(bytes - 2));
        return body;
    }
}
