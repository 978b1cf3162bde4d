using RenderHooks.Providers;
using RenderHooks.Providers.PhantomFlow;

namespace RenderHooks.Tests.Providers;

public class PhantomFlowAdapterTests
{
    private const string JobId = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    private readonly PhantomFlowAdapter _adapter = new();

    private RenderReport ParseJson(string json)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(json), "application/json");
        Assert.True(result.IsSuccess, result.Reason);
        return result.Report;
    }

    [Fact]
    public void Parse_DocumentedCompletedPayload_ReadsEveryField()
    {
        var result = _adapter.Parse(PayloadFile.Read("PhantomFlow/completed.json"), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        var report = result.Report;
        Assert.Equal(ProviderNames.PhantomFlow, report.Provider);
        Assert.Equal(JobId, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal("https://cdn.phantomflow.dev/output/a1b2c3d4.mp4", report.OutputUrl);
        Assert.Equal(15.2, report.DurationSeconds);
        Assert.Equal(16L, report.CreditsUsed);
        Assert.Null(report.Width);
        Assert.Null(report.Height);
        Assert.Null(report.SizeBytes);
        Assert.Null(report.Error);
        Assert.Null(report.MovieId);
        Assert.Null(report.ClientData);
    }

    [Fact]
    public void Parse_DocumentedFailedPayload_ReadsEveryField()
    {
        var result = _adapter.Parse(PayloadFile.Read("PhantomFlow/failed.json"), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        var report = result.Report;
        Assert.Equal(ProviderNames.PhantomFlow, report.Provider);
        Assert.Equal(JobId, report.JobId);
        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal(new RenderError("RENDER_FAILED", "FFmpeg exited with code 1: Invalid video source URL"), report.Error);
        Assert.Null(report.OutputUrl);
        Assert.Null(report.DurationSeconds);
        Assert.Null(report.CreditsUsed);
        Assert.Null(report.Width);
        Assert.Null(report.Height);
        Assert.Null(report.SizeBytes);
        Assert.Null(report.MovieId);
        Assert.Null(report.ClientData);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/json")]
    [InlineData("application/vnd.phantomflow.webhook+json")]
    [InlineData("application/problem+json")]
    public void AcceptsMediaType_JsonTypes_ReturnsTrue(string mediaType)
    {
        Assert.True(_adapter.AcceptsMediaType(mediaType));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("application/+json")]
    [InlineData("text/vnd.x+json")]
    [InlineData("application/jsonx")]
    [InlineData("")]
    public void AcceptsMediaType_OtherTypes_ReturnsFalse(string mediaType)
    {
        Assert.False(_adapter.AcceptsMediaType(mediaType));
    }

    [Fact]
    public void Parse_UrlEncodedBody_FailsNamingMediaType()
    {
        var result = _adapter.Parse(PayloadFile.Utf8("job_id=x&status=completed"), "application/x-www-form-urlencoded");

        Assert.False(result.IsSuccess);
        Assert.Equal("unsupported media type 'application/x-www-form-urlencoded'", result.Reason);
    }

    [Theory]
    [InlineData("COMPLETED", RenderStatus.Completed)]
    [InlineData("Completed", RenderStatus.Completed)]
    [InlineData(" completed ", RenderStatus.Completed)]
    [InlineData("FAILED", RenderStatus.Failed)]
    [InlineData("Failed", RenderStatus.Failed)]
    public void Parse_StatusInAnyCase_MapsToStatus(string status, RenderStatus expected)
    {
        var report = ParseJson($$"""{"job_id":"j1","status":"{{status}}"}""");

        Assert.Equal(expected, report.Status);
    }

    [Fact]
    public void Parse_NumbersAsStrings_AreRead()
    {
        var report = ParseJson("""
            {"job_id":"j1","status":"completed","output_url":"https://cdn.phantomflow.dev/output/j1.mp4",
             "duration_seconds":"15.2","credits_used":"16","width":"1920","height":"1080","size_bytes":"4567890"}
            """);

        Assert.Equal(15.2, report.DurationSeconds);
        Assert.Equal(16L, report.CreditsUsed);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal(4567890L, report.SizeBytes);
    }

    [Fact]
    public void Parse_OptionalDimensionsAsNumbers_AreRead()
    {
        var report = ParseJson("""{"job_id":"j1","status":"completed","width":1280,"height":720,"size_bytes":123,"credits_used":16.0}""");

        Assert.Equal(1280, report.Width);
        Assert.Equal(720, report.Height);
        Assert.Equal(123L, report.SizeBytes);
        Assert.Equal(16L, report.CreditsUsed);
    }

    [Fact]
    public void Parse_UnknownExtraFields_AreIgnored()
    {
        var report = ParseJson("""
            {"job_id":"j1","status":"completed","event":"job.completed","meta":{"region":"eu","tags":[1,2,{"a":null}]},"retry":2}
            """);

        Assert.Equal("j1", report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
    }

    [Fact]
    public void Parse_ErrorAsPlainString_BecomesMessage()
    {
        var report = ParseJson("""{"job_id":"j1","status":"failed","error":"Out of credits"}""");

        Assert.Equal(new RenderError(null, "Out of credits"), report.Error);
    }

    [Fact]
    public void Parse_ErrorCodeAsNumber_BecomesText()
    {
        var report = ParseJson("""{"job_id":"j1","status":"failed","error":{"code":137,"message":null}}""");

        Assert.Equal(new RenderError("137", null), report.Error);
    }

    [Theory]
    [InlineData("""{"job_id":"j1","status":"failed"}""")]
    [InlineData("""{"job_id":"j1","status":"failed","error":null}""")]
    [InlineData("""{"job_id":"j1","status":"failed","error":{}}""")]
    [InlineData("""{"job_id":"j1","status":"failed","error":""}""")]
    [InlineData("""{"job_id":"j1","status":"failed","error":[1]}""")]
    public void Parse_FailedWithoutUsableError_HasNoError(string json)
    {
        var report = ParseJson(json);

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Null(report.Error);
    }

    [Fact]
    public void Parse_HugeErrorMessage_IsCutTo1000Characters()
    {
        var message = new string('m', 30_000);

        var report = ParseJson("""{"job_id":"j1","status":"failed","error":{"code":"X","message":"MESSAGE"}}""".Replace("MESSAGE", message, StringComparison.Ordinal));

        Assert.Equal(1000, report.Error!.Message!.Length);
    }

    [Fact]
    public void Parse_CompletedWithError_IgnoresError()
    {
        var report = ParseJson("""{"job_id":"j1","status":"completed","error":{"code":"X","message":"y"}}""");

        Assert.Null(report.Error);
    }

    [Fact]
    public void Parse_FailedWithOutputUrl_DropsUrl()
    {
        var report = ParseJson("""{"job_id":"j1","status":"failed","output_url":"https://cdn.phantomflow.dev/output/j1.mp4"}""");

        Assert.Null(report.OutputUrl);
    }

    [Fact]
    public void Parse_JobIdWithSurroundingWhitespace_IsTrimmed()
    {
        var report = ParseJson("""{"job_id":"  j1\t","status":"completed"}""");

        Assert.Equal("j1", report.JobId);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("🎬-render-42")]
    [InlineData("שלום")]
    public void Parse_NonUuidJobId_IsAccepted(string jobId)
    {
        var report = ParseJson($$"""{"job_id":"{{jobId}}","status":"completed"}""");

        Assert.Equal(jobId, report.JobId);
    }

    [Fact]
    public void Parse_JobIdOf256Characters_IsAccepted()
    {
        var jobId = new string('a', 256);

        var report = ParseJson($$"""{"job_id":"{{jobId}}","status":"completed"}""");

        Assert.Equal(jobId, report.JobId);
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsIgnored()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. PayloadFile.Read("PhantomFlow/completed.json")];

        var result = _adapter.Parse(body, "application/json");

        Assert.True(result.IsSuccess, result.Reason);
    }
}
