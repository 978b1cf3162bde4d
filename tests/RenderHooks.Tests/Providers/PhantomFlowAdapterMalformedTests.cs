using System.Text;
using RenderHooks.Providers;
using RenderHooks.Providers.PhantomFlow;

namespace RenderHooks.Tests.Providers;

public class PhantomFlowAdapterMalformedTests
{
    private readonly PhantomFlowAdapter _adapter = new();

    public static TheoryData<string, string> RefusedPayloads => new()
    {
        // Structure
        { "", "body is empty" },
        { "{}", "missing job_id" },
        { "[]", "JSON root must be an object, not an array" },
        { """[{"job_id":"j1","status":"completed"}]""", "JSON root must be an object, not an array" },
        { "\"job\"", "JSON root must be an object, not a string" },
        { "42", "JSON root must be an object, not a number" },
        { "true", "JSON root must be an object, not a boolean" },
        { "null", "JSON root must be an object, not null" },
        { """{"job_id":"j1","status":"completed" """, "body is not valid JSON (line 1, byte 37)" },
        { """{"job_id":"j1","status":"compl""", "body is not valid JSON (line 1, byte 31)" },
        { "   ", "body is not valid JSON (line 1, byte 4)" },
        { """{"job_id":"j1","status":"completed",}""", "body is not valid JSON (line 1, byte 37)" },
        { """{"job_id":"j1",/* c */"status":"completed"}""", "body is not valid JSON (line 1, byte 16)" },
        { """{'job_id':'j1'}""", "body is not valid JSON (line 1, byte 2)" },
        { """{"job_id":"j1","status":"completed"} {}""", "body is not valid JSON (line 1, byte 38)" },
        { """{"job_id":"a","job_id":"b","status":"completed"}""", "duplicate property 'job_id' makes the payload ambiguous" },
        { """{"job_id":"a","status":"completed","status":"failed"}""", "duplicate property 'status' makes the payload ambiguous" },
        { """{"job_id":"a","status":"failed","error":{"code":"A","code":"B"}}""", "duplicate property 'code' makes the payload ambiguous" },
        { """{"job_id":"a","job_\u0069d":"b","status":"completed"}""", "duplicate property 'job_id' makes the payload ambiguous" },

        // job_id
        { """{"status":"completed"}""", "missing job_id" },
        { """{"job_id":null,"status":"completed"}""", "missing job_id" },
        { """{"job_id":"","status":"completed"}""", "missing job_id (empty)" },
        { """{"job_id":"   ","status":"completed"}""", "missing job_id (empty)" },
        { """{"job_id":42,"status":"completed"}""", "job_id must be a string" },
        { """{"job_id":1e400,"status":"completed"}""", "job_id must be a string" },
        { """{"job_id":true,"status":"completed"}""", "job_id must be a string" },
        { """{"job_id":{"id":"j1"},"status":"completed"}""", "job_id must be a string" },
        { """{"job_id":["j1"],"status":"completed"}""", "job_id must be a string" },
        { """{"JOB_ID":"j1","status":"completed"}""", "missing job_id" },
        { """{"job_id":"a\u0000b","status":"completed"}""", "job_id contains control characters" },
        { """{"job_id":"a\nb","status":"completed"}""", "job_id contains control characters" },
        { """{"job_id":"a\u007Fb","status":"completed"}""", "job_id contains control characters" },
        { """{"job_id":"\uD800","status":"completed"}""", "job_id contains invalid characters" },
        { """{"job_id":"a\u202Eb","status":"completed"}""", "job_id contains invisible format characters (such as bidi controls, zero-width characters or line separators)" },
        { """{"job_id":"job\u200Fid","status":"completed"}""", "job_id contains invisible format characters (such as bidi controls, zero-width characters or line separators)" },
        { """{"job_id":"a\u200Bb","status":"completed"}""", "job_id contains invisible format characters (such as bidi controls, zero-width characters or line separators)" },
        { """{"job_id":"a\u2028b","status":"completed"}""", "job_id contains invisible format characters (such as bidi controls, zero-width characters or line separators)" },

        // status
        { """{"job_id":"j1"}""", "missing status" },
        { """{"job_id":"j1","status":null}""", "missing status" },
        { """{"job_id":"j1","status":""}""", "missing status (empty)" },
        { """{"job_id":"j1","status":1}""", "status must be a string" },
        { """{"job_id":"j1","status":["completed"]}""", "status must be a string" },
        { """{"job_id":"j1","status":"rendering"}""", "status 'rendering' is not completed or failed" },
        { """{"job_id":"j1","status":"queued"}""", "status 'queued' is not completed or failed" },
        { """{"job_id":"j1","status":"complete"}""", "status 'complete' is not completed or failed" },
        { """{"job_id":"j1","status":"done"}""", "status 'done' is not completed or failed" },
        { """{"job_id":"j1","status":"completed\u0000"}""", "status 'completed?' is not completed or failed" },
        { """{"job_id":"j1","status":"\u202Ecompleted"}""", "status '?completed' is not completed or failed" },
        { """{"job_id":"j1","status":"🎬"}""", "status '🎬' is not completed or failed" },
    };

    [Theory]
    [MemberData(nameof(RefusedPayloads))]
    public void Parse_MalformedPayload_FailsWithReason(string json, string reason)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(json), "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Parse_HugeJobId_FailsWithoutEchoingIt()
    {
        var jobId = new string('j', 30_000);

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"{{jobId}}","status":"completed"}"""), "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal("job_id is longer than 256 characters", result.Reason);
    }

    [Fact]
    public void Parse_JobIdOf257Characters_Fails()
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"{{new string('a', 257)}}","status":"completed"}"""), "application/json");

        Assert.Equal("job_id is longer than 256 characters", result.Reason);
    }

    [Fact]
    public void Parse_HugeStatus_EchoesOnlyFortyCharacters()
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"j1","status":"{{new string('s', 30_000)}}"}"""), "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal($"status '{new string('s', 40)}…' is not completed or failed", result.Reason);
    }

    [Fact]
    public void Parse_HugeOutputUrl_IsCompletedWithoutUrl()
    {
        var url = "https://cdn.phantomflow.dev/" + new string('u', 30_000) + ".mp4";

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"j1","status":"completed","output_url":"{{url}}"}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Report.OutputUrl);
    }

    [Theory]
    [InlineData(31, true)]
    [InlineData(32, false)]
    [InlineData(100, false)]
    public void Parse_DeepNesting_RefusedBeyond32Levels(int extraLevels, bool accepted)
    {
        var nested = string.Concat(Enumerable.Repeat("""{"a":""", extraLevels)) + "1" + new string('}', extraLevels);

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"j1","status":"completed","x":{{nested}}}"""), "application/json");

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("JSON is nested deeper than 32 levels", result.Reason);
        }
    }

    [Fact]
    public void Parse_DeeplyNestedArrays_Fails()
    {
        var json = new string('[', 100) + new string(']', 100);

        var result = _adapter.Parse(PayloadFile.Utf8(json), "application/json");

        Assert.Equal("JSON is nested deeper than 32 levels", result.Reason);
    }

    public static TheoryData<byte[]> InvalidUtf8Bodies => new()
    {
        new byte[] { 0xFF },
        new byte[] { 0xC3, 0x28 },
        Concat("""{"job_id":"j"""u8.ToArray(), [0xC0, 0xAF], "\",\"status\":\"completed\"}"u8.ToArray()),
        Concat("{\"job_id\":\"j1\",\"status\":\"completed\",\"x\":\""u8.ToArray(), [0xED, 0xA0, 0x80], "\"}"u8.ToArray()),
        Concat("{\"job_id\":\"j1\",\"status\":\"completed\",\"x\":\""u8.ToArray(), [0xF0, 0x9F, 0x8E], "\"}"u8.ToArray()),
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public void Parse_InvalidUtf8_Fails(byte[] body)
    {
        var result = _adapter.Parse(body, "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal("body is not valid UTF-8", result.Reason);
    }

    [Fact]
    public void Parse_Utf16Body_Fails()
    {
        var result = _adapter.Parse(Encoding.Unicode.GetBytes("""{"job_id":"j1","status":"completed"}"""), "application/json");

        Assert.False(result.IsSuccess);
        Assert.StartsWith("body is not valid JSON", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration_seconds", "\"NaN\"")]
    [InlineData("duration_seconds", "\"Infinity\"")]
    [InlineData("duration_seconds", "\"-Infinity\"")]
    [InlineData("duration_seconds", "1e400")]
    [InlineData("duration_seconds", "-1")]
    [InlineData("duration_seconds", "\"fifteen\"")]
    [InlineData("duration_seconds", "\"15,2\"")]
    [InlineData("duration_seconds", "true")]
    [InlineData("duration_seconds", "{}")]
    [InlineData("credits_used", "1e400")]
    [InlineData("credits_used", "-16")]
    [InlineData("credits_used", "16.5")]
    [InlineData("credits_used", "\"NaN\"")]
    [InlineData("credits_used", "99999999999999999999")]
    [InlineData("width", "3000000000")]
    [InlineData("width", "\"1920px\"")]
    [InlineData("height", "-1080")]
    [InlineData("size_bytes", "1e400")]
    [InlineData("size_bytes", "\"\"")]
    [InlineData("output_url", "42")]
    [InlineData("output_url", "\"not a url\"")]
    [InlineData("output_url", "\"/relative/path.mp4\"")]
    [InlineData("output_url", "\"javascript:alert(1)\"")]
    [InlineData("output_url", "\"ftp://cdn.phantomflow.dev/a.mp4\"")]
    public void Parse_UnusableOptionalField_IsAbsentAndDeliveryAccepted(string field, string jsonValue)
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"j1","status":"completed","{{field}}":{{jsonValue}}}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        var report = result.Report;
        Assert.Null(report.DurationSeconds);
        Assert.Null(report.CreditsUsed);
        Assert.Null(report.Width);
        Assert.Null(report.Height);
        Assert.Null(report.SizeBytes);
        Assert.Null(report.OutputUrl);
    }

    [Fact]
    public void Parse_ReasonNeverContainsPayload()
    {
        var secret = "SECRET-" + new string('x', 100);

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"job_id":"{{secret}}","status":"{{secret}}"}"""), "application/json");

        Assert.False(result.IsSuccess);
        Assert.DoesNotContain(secret, result.Reason, StringComparison.Ordinal);
        Assert.True(result.Reason.Length < 100);
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
