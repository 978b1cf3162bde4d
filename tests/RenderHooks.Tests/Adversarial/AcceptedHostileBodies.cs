using System.Text;
using RenderHooks.Intake;
using RenderHooks.Tests.Infrastructure;
using static RenderHooks.Tests.Adversarial.RawRequest;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Requests with the valid token, a media type the provider sends and a body within the limit: intake stores them
/// unread and answers 200, whatever the body holds. Processing then archives each — parsed (<c>Recorded</c>) or with
/// the reason it could not be (<c>Unparseable</c>) — and must neither crash nor send it to the poison queue.
/// Also the requests that look odd but mean a valid webhook once the server has parsed them (dot segments, escapes).
/// </summary>
public static class AcceptedHostileBodies
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string Recorded = "Recorded";
    private const string Unparseable = "Unparseable";

    public static IReadOnlyList<HostileCase> All => [.. JsonBodies(), .. Forms(), .. OddButValid()];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static HostileCase Named(string name) => All.Single(c => c.Name == name);

    private static IEnumerable<HostileCase> JsonBodies()
    {
        yield return new("arrays nested 10,000 deep", Pf(field: "\"extra\":" + new string('[', 10_000) + new string(']', 10_000)), 200, Unparseable);
        yield return new("objects nested 1,000 deep", Pf(field: "\"extra\":" + string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)), 200, Unparseable);
        yield return new("invalid UTF-8 in a string", Post(Hook(), Json, Bytes("{\"job_id\":\"", Id(), "\",\"status\":\"completed\",\"note\":\"\xff\xfe\"}")), 200, Unparseable);
        yield return new("overlong UTF-8 encoding of a slash", Post(Hook(), Json, Bytes("{\"job_id\":\"", Id(), "\xc0\xaf\",\"status\":\"completed\"}")), 200, Unparseable);
        yield return new("UTF-16 body labelled UTF-8", Post(Hook(), "application/json; charset=utf-8", Encoding.Unicode.GetBytes(TestPayloads.PhantomFlowCompleted(Id()))), 200, Unparseable);
        yield return new("body of NUL bytes", Post(Hook(), Json, new byte[64]), 200, Unparseable);
        yield return new("bare NaN and Infinity tokens", Pf(field: "\"duration_seconds\":NaN,\"credits_used\":Infinity"), 200, Unparseable);
        yield return new("duplicate job_id keys", Post(Hook(), Json, $$"""{"job_id":"{{Id()}}","job_id":"{{Id()}}","status":"completed"}"""), 200, Unparseable);
        yield return new("duplicate status keys that disagree", Post(Hook(), Json, $$"""{"job_id":"{{Id()}}","status":"completed","status":"failed"}"""), 200, Unparseable);
        yield return new("JSON root is an array", Post(Hook(), Json, $"[{TestPayloads.PhantomFlowCompleted(Id())}]"), 200, Unparseable);
        yield return new("JSON root is a string", Post(Hook(), Json, "\"completed\""), 200, Unparseable);
        yield return new("truncated JSON", Post(Hook(), Json, TestPayloads.PhantomFlowCompleted(Id())[..40]), 200, Unparseable);
        yield return new("garbage after the object", Post(Hook(), Json, TestPayloads.PhantomFlowCompleted(Id()) + "}{"), 200, Unparseable);
        yield return new("comments inside the JSON", Post(Hook(), Json, $$"""{"job_id":"{{Id()}}", /* hi */ "status":"completed"}"""), 200, Unparseable);
        yield return new("unpaired surrogate escape in a property name", Pf(field: "\"\\uD800\":1"), 200, Unparseable);
        yield return new("job id of 10,000 characters", Post(Hook(), Json, $$"""{"job_id":"{{new string('j', 10_000)}}","status":"completed"}"""), 200, Unparseable);
        yield return new("job id with control characters", Post(Hook(), Json, $$"""{"job_id":"a\u0000b\nc","status":"completed"}"""), 200, Unparseable);
        yield return new("job id that is a number", Post(Hook(), Json, """{"job_id":12345678901234567890,"status":"completed"}"""), 200, Unparseable);
        yield return new("status that is an object", Post(Hook(), Json, $$$"""{"job_id":"{{{Id()}}}","status":{"$ne":null}}"""), 200, Unparseable);
        yield return new("huge numbers in every numeric field", Pf(field: "\"duration_seconds\":1e400,\"credits_used\":99999999999999999999999,\"width\":-1e309,\"size_bytes\":123456789012345678901234567890"), 200, Recorded);
        yield return new("NaN and Infinity as strings", Pf(field: "\"duration_seconds\":\"NaN\",\"credits_used\":\"Infinity\",\"width\":\"-Infinity\""), 200, Recorded);
        yield return new("job id with path traversal", Post(Hook(), Json, TestPayloads.PhantomFlowCompleted("../../../etc/passwd-" + Id())), 200, Recorded);
        yield return new("job id with table key characters", Post(Hook(), Json, TestPayloads.PhantomFlowCompleted("a/b\\\\c#d?e%f~g'h-" + Id())), 200, Recorded);
        yield return new("script in the output URL", Post(Hook(), Json, $$"""{"job_id":"{{Id()}}","status":"completed","output_url":"javascript:alert(1)"}"""), 200, Recorded);
        yield return new("byte order mark before the JSON", Post(Hook(), Json, Bytes("\xef\xbb\xbf", TestPayloads.PhantomFlowCompleted(Id()))), 200, Recorded);
        yield return new("body exactly at the size limit", Post(Hook(), Json, AtLimit()), 200, Recorded);
    }

    private static IEnumerable<HostileCase> Forms()
    {
        var project = TestPayloads.NewJson2VideoProject;
        yield return new("form with two project fields", Post(Hook("json2video"), Form, $"project={project()}&project={project()}&url=https%3A%2F%2Fa.example%2Fm.mp4"), 200, Unparseable);
        yield return new("form with 2,000 fields", Post(Hook("json2video"), Form, $"project={project()}&" + string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1"))), 200, Unparseable);
        yield return new("form with client data nested 1,000 brackets deep", Post(Hook("json2video"), Form, $"project={project()}&url=https%3A%2F%2Fa.example%2Fm.mp4&client-data" + string.Concat(Enumerable.Repeat("[a]", 1000)) + "=x"), 200, Recorded);
        yield return new("form with invalid percent escapes", Post(Hook("json2video"), Form, $"project={project()}&url=https%3A%2F%2Fa.example%2Fm.mp4&note=%ZZ%%%C0%AF"), 200, Recorded);
        yield return new("form with invalid UTF-8 after decoding", Post(Hook("json2video"), Form, Bytes("project=", project(), "&note=\xff")), 200, Unparseable);
        yield return new("JSON2Video report with only a project", Post(Hook("json2video"), Json, $$"""{"project":"{{project()}}"}"""), 200, Recorded);
    }

    /// <summary>Requests that look hostile on the wire but are a valid webhook once parsed: the contract's 200.</summary>
    private static IEnumerable<HostileCase> OddButValid()
    {
        var body = TestPayloads.PhantomFlowCompleted(Id());
        yield return new("dot segments that resolve to the webhook route", Post($"/api/hooks/runway/../phantomflow/{ServerFactory.Token}", Json, TestPayloads.PhantomFlowCompleted(Id())), 200, Recorded);
        yield return new("percent-encoded characters of the token", Post($"/api/hooks/phantomflow/%73{ServerFactory.Token[1..]}", Json, TestPayloads.PhantomFlowCompleted(Id())), 200, Recorded);
        yield return new("provider in mixed case", Post(Hook("PhantomFlow"), Json, TestPayloads.PhantomFlowCompleted(Id())), 200, Recorded);
        yield return new("query string after the token", Post(Hook() + "?token=other&a[]=1", Json, TestPayloads.PhantomFlowCompleted(Id())), 200, Recorded);
        yield return new("bare line feeds between headers", Join(Latin1($"POST {Hook()} HTTP/1.1\nHost: localhost\nConnection: close\nContent-Type: application/json\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\n\n"), Encoding.UTF8.GetBytes(body)), 200, Recorded);
        yield return new("Content-Length and chunked together (chunked wins)", PostChunked(Hook(), Json, Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(Id())), "Content-Length: 4\r\n"), 200, Recorded);
    }

    private static string Id() => TestPayloads.NewPhantomFlowJobId();

    /// <summary>A PhantomFlow completion of a new job with <paramref name="field"/> (raw JSON, <c>"name":value</c>) added.</summary>
    private static byte[] Pf(string field) =>
        Post(Hook(), Json, $$"""{"job_id":"{{Id()}}","status":"completed","output_url":"https://cdn.phantomflow.dev/output/a.mp4",{{field}}}""");

    /// <summary>Text whose characters below U+0100 are sent as single bytes, for bodies that are not UTF-8.</summary>
    private static byte[] Bytes(params string[] parts) => Latin1(string.Concat(parts));

    private static byte[] AtLimit()
    {
        var head = $"{{\"job_id\":\"{Id()}\",\"status\":\"completed\",\"pad\":\"";
        var padding = IntakeOptions.QueueBodyLimit - Encoding.UTF8.GetByteCount(head) - 2;
        return Encoding.UTF8.GetBytes(head + new string('a', padding) + "\"}");
    }
}
