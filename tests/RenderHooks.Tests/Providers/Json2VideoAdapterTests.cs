using System.Text.Json.Nodes;
using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;

namespace RenderHooks.Tests.Providers;

public class Json2VideoAdapterTests
{
    private const string Project = "JkGxEoPRF9EgRb32";
    private const string MovieUrl = "https://assets.json2video.com/clients/xxxxxxxx/renders/yourmovie.mp4";
    private const string FormType = "application/x-www-form-urlencoded";
    private readonly Json2VideoAdapter _adapter = new();

    private RenderReport ParseFile(string file, string mediaType = "application/json")
    {
        var result = _adapter.Parse(PayloadFile.Read("Json2Video/" + file), mediaType);
        Assert.True(result.IsSuccess, result.Reason);
        return result.Report;
    }

    private RenderReport ParseJson(string json)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(json), "application/json");
        Assert.True(result.IsSuccess, result.Reason);
        return result.Report;
    }

    private static void AssertOrder42(JsonObject? clientData) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"order_id":"ord_42"}"""), clientData), clientData?.ToJsonString());

    [Theory]
    [InlineData("reference.json", "application/json")]
    [InlineData("reference.form", FormType)]
    public void Parse_DocumentedReferencePayload_ReadsEveryField(string file, string mediaType)
    {
        var report = ParseFile(file, mediaType);

        Assert.Equal(ProviderNames.Json2Video, report.Provider);
        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal(MovieUrl, report.OutputUrl);
        Assert.Equal(10.5, report.DurationSeconds);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal(4567890L, report.SizeBytes);
        Assert.Null(report.CreditsUsed);
        Assert.Null(report.Error);
        Assert.Equal("your-movie-id", report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_StatusDonePayload_ReadsEveryField()
    {
        var report = ParseFile("status-done.json");

        Assert.Equal(ProviderNames.Json2Video, report.Provider);
        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal(MovieUrl, report.OutputUrl);
        Assert.Equal(10.5, report.DurationSeconds);
        Assert.Equal(4567890L, report.SizeBytes);
        Assert.Null(report.Width);
        Assert.Null(report.Height);
        Assert.Null(report.CreditsUsed);
        Assert.Null(report.Error);
        Assert.Null(report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_StatusErrorPayload_IsFailedWithMessage()
    {
        var report = ParseFile("status-error.json");

        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal(new RenderError(null, "Source file https://example.com/missing.png could not be downloaded"), report.Error);
        Assert.Null(report.OutputUrl);
        Assert.Equal(0.0, report.DurationSeconds);
        Assert.Equal(0L, report.SizeBytes);
        Assert.Null(report.Width);
        Assert.Null(report.Height);
        Assert.Null(report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_MovieEnvelopePayload_ReadsEveryField()
    {
        var report = ParseFile("movie-envelope.json");

        Assert.Equal(ProviderNames.Json2Video, report.Provider);
        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal(MovieUrl, report.OutputUrl);
        Assert.Equal(10.5, report.DurationSeconds);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal(4567890L, report.SizeBytes);
        Assert.Null(report.CreditsUsed);
        Assert.Null(report.Error);
        Assert.Null(report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_MovieEnvelopeErrorPayload_IsFailedWithMessage()
    {
        var report = ParseFile("movie-envelope-error.json");

        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal(new RenderError(null, "Scene 2: element 1 has an invalid src"), report.Error);
        Assert.Null(report.OutputUrl);
        Assert.Equal(0.0, report.DurationSeconds);
        Assert.Equal(0L, report.SizeBytes);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Null(report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_ReferencePayloadWithEmptyUrl_IsFailedNoOutputUrl()
    {
        var report = ParseFile("empty-url.json");

        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal("NO_OUTPUT_URL", report.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(report.Error?.Message));
        Assert.Null(report.OutputUrl);
        Assert.Equal(0.0, report.DurationSeconds);
        Assert.Equal(0L, report.SizeBytes);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal("your-movie-id", report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_ReferencePayloadWithPartialUrl_IsFailedPartialOutputUrl()
    {
        var report = ParseFile("partial-url.json");

        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal("PARTIAL_OUTPUT_URL", report.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(report.Error?.Message));
        Assert.Null(report.OutputUrl);
        Assert.Null(report.DurationSeconds);
        Assert.Null(report.SizeBytes);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal("your-movie-id", report.MovieId);
        AssertOrder42(report.ClientData);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/json")]
    [InlineData("application/vnd.json2video+json")]
    [InlineData(FormType)]
    public void AcceptsMediaType_JsonAndForm_ReturnsTrue(string mediaType)
    {
        Assert.True(_adapter.AcceptsMediaType(mediaType));
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public void AcceptsMediaType_OtherTypes_ReturnsFalse(string mediaType)
    {
        Assert.False(_adapter.AcceptsMediaType(mediaType));
    }

    [Fact]
    public void Parse_MultipartBody_FailsNamingMediaType()
    {
        var result = _adapter.Parse(PayloadFile.Read("Json2Video/reference.json"), "multipart/form-data");

        Assert.Equal("unsupported media type 'multipart/form-data'", result.Reason);
    }

    [Theory]
    [InlineData("done", RenderStatus.Completed)]
    [InlineData("DONE", RenderStatus.Completed)]
    [InlineData("success", RenderStatus.Completed)]
    [InlineData("completed", RenderStatus.Completed)]
    [InlineData("Completed", RenderStatus.Completed)]
    [InlineData("error", RenderStatus.Failed)]
    [InlineData("failed", RenderStatus.Failed)]
    [InlineData("failure", RenderStatus.Failed)]
    [InlineData(" Error ", RenderStatus.Failed)]
    public void Parse_TerminalStatus_MapsToStatus(string status, RenderStatus expected)
    {
        var report = ParseJson($$"""{"project":"{{Project}}","status":"{{status}}","url":"{{MovieUrl}}","message":"boom"}""");

        Assert.Equal(expected, report.Status);
        Assert.Equal(expected == RenderStatus.Completed ? MovieUrl : null, report.OutputUrl);
        Assert.Equal(expected == RenderStatus.Completed ? null : new RenderError(null, "boom"), report.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"url\":\"\"")]
    [InlineData(",\"url\":\"https://assets.json2video.com/clients/x/renders/\"")]
    public void Parse_StatusDoneWithoutUsableUrl_IsCompletedWithoutUrl(string urlField)
    {
        var report = ParseJson($$"""{"project":"{{Project}}","status":"done"{{urlField}}}""");

        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Null(report.OutputUrl);
        Assert.Null(report.Error);
    }

    [Fact]
    public void Parse_StatusErrorWithoutMessage_IsFailedWithoutError()
    {
        var report = ParseJson($$"""{"project":"{{Project}}","status":"error"}""");

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Null(report.Error);
    }

    [Theory]
    [InlineData("""{"success":false,"movie":{"project":"P1","url":"https://a.example/r/m.mp4"}}""")]
    [InlineData("""{"success":true,"movie":{"success":false,"project":"P1","message":"boom"}}""")]
    [InlineData("""{"success":"false","project":"P1"}""")]
    [InlineData("""{"success":false,"project":"P1","status":"done","url":"https://a.example/r/m.mp4"}""")]
    public void Parse_SuccessFalse_IsFailed(string json)
    {
        var report = ParseJson(json);

        Assert.Equal("P1", report.JobId);
        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Null(report.OutputUrl);
    }

    [Theory]
    [InlineData("""{"success":true,"movie":{"project":"P1","url":""}}""", null)]
    [InlineData("""{"success":true,"movie":{"success":"true","project":"P1","url":"https://a.example/r/m.mp4"}}""", "https://a.example/r/m.mp4")]
    [InlineData("""{"success":"1","project":"P1","url":"https://a.example/r/"}""", null)]
    public void Parse_SuccessTrueWithoutStatus_IsCompleted(string json, string? url)
    {
        var report = ParseJson(json);

        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal(url, report.OutputUrl);
    }

    [Fact]
    public void Parse_MovieEnvelope_FallsBackToEnvelopeFields()
    {
        var report = ParseJson("""{"success":true,"project":"P1","movie":{"status":"done","url":"https://a.example/r/m.mp4"},"client-data":{"k":"v"}}""");

        Assert.Equal("P1", report.JobId);
        Assert.Equal("v", report.ClientData?["k"]?.GetValue<string>());
    }

    [Fact]
    public void Parse_MovieEnvelope_MovieFieldsWinOverEnvelope()
    {
        var report = ParseJson("""{"project":"OUTER","width":"1","movie":{"project":"INNER","status":"done","width":1920}}""");

        Assert.Equal("INNER", report.JobId);
        Assert.Equal(1920, report.Width);
    }

    [Theory]
    [InlineData("https://assets.json2video.com/renders/movie.mp4")]
    [InlineData("http://assets.json2video.com/renders/movie.webm")]
    [InlineData("https://assets.json2video.com/movie.mp4?token=abc")]
    [InlineData("https://assets.json2video.com/renders/movie.final.mp4")]
    public void Parse_NoStatusCompleteFileUrl_IsCompleted(string url)
    {
        var report = ParseJson($$"""{"project":"P1","url":"{{url}}"}""");

        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal(url, report.OutputUrl);
        Assert.Null(report.Error);
    }

    [Theory]
    [InlineData("https://assets.json2video.com/renders/")]
    [InlineData("https://assets.json2video.com/renders/movie")]
    [InlineData("https://assets.json2video.com/renders/movie.")]
    [InlineData("https://assets.json2video.com/renders/.mp4")]
    [InlineData("https://assets.json2video.com")]
    [InlineData("https://")]
    [InlineData("https://assets.json2vi")]
    [InlineData("assets.json2video.com/renders/movie.mp4")]
    [InlineData("/renders/movie.mp4")]
    [InlineData("ftp://assets.json2video.com/renders/movie.mp4")]
    [InlineData("file:///etc/movie.mp4")]
    [InlineData("https://assets.json2video.com/ren ders/movie.mp4")]
    public void Parse_NoStatusPartialUrl_IsFailedPartialOutputUrl(string url)
    {
        var report = ParseJson($$"""{"project":"P1","url":"{{url}}"}""");

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal("PARTIAL_OUTPUT_URL", report.Error?.Code);
        Assert.Null(report.OutputUrl);
    }

    [Theory]
    [InlineData("""{"project":"P1"}""")]
    [InlineData("""{"project":"P1","url":null}""")]
    [InlineData("""{"project":"P1","url":"   "}""")]
    [InlineData("""{"project":"P1","url":"","status":""}""")]
    public void Parse_NoStatusNoUrl_IsFailedNoOutputUrl(string json)
    {
        var report = ParseJson(json);

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal("NO_OUTPUT_URL", report.Error?.Code);
    }

    [Fact]
    public void Parse_NoStatusNoUrlWithMessage_KeepsProviderMessage()
    {
        var report = ParseJson("""{"project":"P1","url":"","message":"Render failed at scene 3"}""");

        Assert.Equal(new RenderError("NO_OUTPUT_URL", "Render failed at scene 3"), report.Error);
    }

    [Fact]
    public void Parse_HugeUrl_IsFailedPartialOutputUrl()
    {
        var url = "https://assets.json2video.com/" + new string('u', 30_000) + ".mp4";

        var report = ParseJson($$"""{"project":"P1","url":"{{url}}"}""");

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal("PARTIAL_OUTPUT_URL", report.Error?.Code);
        Assert.Null(report.OutputUrl);
    }

    [Fact]
    public void Parse_ClientDataUnderscoreSpelling_IsRead()
    {
        var report = ParseJson("""{"project":"P1","status":"done","client_data":{"order_id":"ord_42"}}""");

        AssertOrder42(report.ClientData);
    }

    [Fact]
    public void Parse_ClientDataBothSpellings_HyphenWins()
    {
        var report = ParseJson("""{"project":"P1","status":"done","client-data":{"order_id":"ord_42"},"client_data":{"order_id":"other"}}""");

        AssertOrder42(report.ClientData);
    }

    [Theory]
    [InlineData("\"ord_42\"")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Parse_ClientDataNotAnObject_IsAbsent(string value)
    {
        var report = ParseJson($$"""{"project":"P1","status":"done","client-data":{{value}}}""");

        Assert.Null(report.ClientData);
    }

    [Fact]
    public void Parse_NestedClientData_IsKeptWhole()
    {
        var report = ParseJson("""{"project":"P1","status":"done","client-data":{"a":{"b":[1,true,null,"c"]},"n":1.5}}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{"b":[1,true,null,"c"]},"n":1.5}"""), report.ClientData));
    }

    [Fact]
    public void Parse_ClientData_OutlivesTheParsedBodyAndIsMutable()
    {
        var report = ParseJson("""{"project":"P1","status":"done","client-data":{"order_id":"ord_42"}}""");

        GC.Collect();
        report.ClientData!["extra"] = 1;

        Assert.Equal("""{"order_id":"ord_42","extra":1}""", report.ClientData.ToJsonString());
    }

    [Theory]
    [InlineData("\"42\"", "42")]
    [InlineData("42", "42")]
    [InlineData("\"  my-movie  \"", "my-movie")]
    [InlineData("\"\"", null)]
    [InlineData("\"a\\u0000b\"", null)]
    [InlineData("{}", null)]
    public void Parse_MovieId_IsReadLeniently(string value, string? expected)
    {
        var report = ParseJson($$"""{"project":"P1","status":"done","id":{{value}}}""");

        Assert.Equal(expected, report.MovieId);
    }

    [Fact]
    public void Parse_HugeMovieId_IsAbsent()
    {
        var report = ParseJson($$"""{"project":"P1","status":"done","id":"{{new string('i', 30_000)}}"}""");

        Assert.Null(report.MovieId);
    }
}
