using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Tests.Providers.StatusApi;

public sealed class Json2VideoStatusReaderTests
{
    private const string Project = "JkGxEoPRF9EgRb32";

    private static ProviderStatus Read(string file, int status = 200, TimeSpan? retryAfter = null) =>
        Json2VideoStatusReader.Read(new StatusApiAnswer(status, PayloadFile.Read($"StatusApi/Json2Video/{file}"), retryAfter), Project);

    [Theory]
    [InlineData("done.json", 200, nameof(ProviderStatusKind.Terminal), "done")]
    [InlineData("done-strings.json", 200, nameof(ProviderStatusKind.Terminal), "done")]
    [InlineData("error.json", 200, nameof(ProviderStatusKind.Terminal), "error")]
    [InlineData("done-movie-success-false.json", 200, nameof(ProviderStatusKind.Terminal), "done")]
    [InlineData("running.json", 200, nameof(ProviderStatusKind.InProgress), "running")]
    [InlineData("pending.json", 200, nameof(ProviderStatusKind.InProgress), "pending")]
    [InlineData("timeout.json", 200, nameof(ProviderStatusKind.InProgress), "timeout")]
    [InlineData("other-project.json", 200, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("without-status.json", 200, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("invalid-api-key.json", 400, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("api-key-not-provided.json", 400, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("invalid-api-key.json", 401, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("invalid-api-key.json", 200, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("quota-exceeded.json", 401, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("unknown-project.json", 400, nameof(ProviderStatusKind.Unknown), null)]
    [InlineData("movie-not-found.json", 404, nameof(ProviderStatusKind.Unknown), null)]
    [InlineData("movie-not-found.json", 400, nameof(ProviderStatusKind.Unknown), null)]
    [InlineData("movie-not-found.json", 200, nameof(ProviderStatusKind.Unknown), null)]
    [InlineData("quota-exceeded.json", 400, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("internal-error.json", 200, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("internal-error.json", 500, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("internal-error.json", 429, nameof(ProviderStatusKind.Throttled), null)]
    [InlineData("unknown-project.json", 500, nameof(ProviderStatusKind.Unavailable), null)]
    public void Read_DocumentedAndObservedAnswers(string file, int status, string kindName, string? state)
        => StatusAnswerAssert.Matches(Read(file, status), kindName, state);

    [Fact]
    public void Read_Done_NormalizedByTheWebhookAdapter()
    {
        var report = Read("done.json").Report!;

        Assert.Equal(ProviderNames.Json2Video, report.Provider);
        Assert.Equal(Project, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal("https://assets.json2video.com/clients/xxxxxxxx/renders/2026-05-12-36066.mp4", report.OutputUrl);
        Assert.Equal(108.2, report.DurationSeconds);
        Assert.Equal(6876189L, report.SizeBytes);
        Assert.Equal(1080, report.Width);
        Assert.Equal(1920, report.Height);
        Assert.Equal("ord_42", report.ClientData?["order_id"]?.GetValue<string>());
        Assert.Null(report.Error);
    }

    [Fact]
    public void Read_NumbersAndClientDataAsStrings_Tolerated()
    {
        var report = Read("done-strings.json").Report!;

        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal(108.2, report.DurationSeconds);
        Assert.Equal(6876189L, report.SizeBytes);
        Assert.Equal(1080, report.Width);
        Assert.Equal(1920, report.Height);
        Assert.Equal("ord_42", report.ClientData?["order_id"]?.GetValue<string>());
    }

    [Fact]
    public void Read_Error_MessageIsTheReason()
    {
        var report = Read("error.json").Report!;

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal(new RenderError(null, "Failed to download element: HTTP 404 at https://example.com/missing.jpg"), report.Error);
        Assert.Null(report.OutputUrl);
    }

    [Fact]
    public void Read_DoneButMovieNotSuccessful_Failed()
    {
        var report = Read("done-movie-success-false.json").Report!;

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal("Export to FTP failed", report.Error?.Message);
    }

    [Fact]
    public void Read_UnknownProject_ReasonQuotesTheMessageShortly()
    {
        var reason = Read("unknown-project.json", 400).Reason!;

        Assert.StartsWith("HTTP 400: 'TypeError: Cannot read properties of nul…'", reason, StringComparison.Ordinal);
        Assert.EndsWith("JSON2Video does not know the project", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Throttled_KeepsRetryAfter() =>
        Assert.Equal(TimeSpan.FromSeconds(7), Read("internal-error.json", 429, TimeSpan.FromSeconds(7)).RetryAfter);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"success\": true}")]
    [InlineData("{\"success\": true, \"movie\": []}")]
    [InlineData("{\"success\": true, \"movie\": {\"status\": 1}}")]
    [InlineData("{\"success\": true, \"movie\": {\"status\": \"done\", \"duration\": {}, \"client-data\": 5, \"url\": []}}")]
    public void Read_OddBodies_NeverThrow(string body)
    {
        var result = Json2VideoStatusReader.Read(new StatusApiAnswer(200, PayloadFile.Utf8(body), null), Project);

        Assert.True(result.Kind is ProviderStatusKind.Unavailable or ProviderStatusKind.Terminal, result.Reason);
    }
}
