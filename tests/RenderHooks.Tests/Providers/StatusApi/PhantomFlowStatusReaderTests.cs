using RenderHooks.Providers;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Tests.Providers.StatusApi;

public sealed class PhantomFlowStatusReaderTests
{
    private const string JobId = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

    private static ProviderStatus Read(string file, int status = 200, TimeSpan? retryAfter = null, string jobId = JobId) =>
        PhantomFlowStatusReader.Read(new StatusApiAnswer(status, PayloadFile.Read($"StatusApi/PhantomFlow/{file}"), retryAfter), jobId);

    [Theory]
    [InlineData("completed.json", 200, nameof(ProviderStatusKind.Terminal), "completed")]
    [InlineData("failed.json", 200, nameof(ProviderStatusKind.Terminal), "failed")]
    [InlineData("queued.json", 200, nameof(ProviderStatusKind.InProgress), "queued")]
    [InlineData("rendering.json", 200, nameof(ProviderStatusKind.InProgress), "rendering")]
    [InlineData("wrapped-job.json", 200, nameof(ProviderStatusKind.Terminal), "completed")]
    [InlineData("wrapped-data.json", 200, nameof(ProviderStatusKind.Terminal), "failed")]
    [InlineData("numbers-as-strings.json", 200, nameof(ProviderStatusKind.Terminal), "Completed")]
    [InlineData("without-job-id.json", 200, nameof(ProviderStatusKind.Terminal), "completed")]
    [InlineData("other-job.json", 200, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("without-status.json", 200, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("error-not-found.json", 404, nameof(ProviderStatusKind.Unknown), null)]
    [InlineData("error-unauthorized.json", 401, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("error-unauthorized.json", 403, nameof(ProviderStatusKind.Unauthorized), null)]
    [InlineData("error-rate-limited.json", 429, nameof(ProviderStatusKind.Throttled), null)]
    [InlineData("error-not-found.json", 400, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("completed.json", 500, nameof(ProviderStatusKind.Unavailable), null)]
    [InlineData("completed.json", 302, nameof(ProviderStatusKind.Unavailable), null)]
    public void Read_DocumentedAndToleratedAnswers(string file, int status, string kindName, string? state)
        => StatusAnswerAssert.Matches(Read(file, status), kindName, state);

    [Fact]
    public void Read_Completed_NormalizedByTheWebhookAdapter()
    {
        var report = Read("completed.json").Report!;

        Assert.Equal(ProviderNames.PhantomFlow, report.Provider);
        Assert.Equal(JobId, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal("https://cdn.phantomflow.dev/output/a1b2c3d4.mp4", report.OutputUrl);
        Assert.Equal(15.2, report.DurationSeconds);
        Assert.Equal(16L, report.CreditsUsed);
    }

    [Fact]
    public void Read_NumbersAsStrings_Tolerated()
    {
        var report = Read("numbers-as-strings.json").Report!;

        Assert.Equal(15.2, report.DurationSeconds);
        Assert.Equal(16L, report.CreditsUsed);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal(4567890L, report.SizeBytes);
    }

    [Fact]
    public void Read_WrappedFailure_ReadsTheError()
    {
        var report = Read("wrapped-data.json").Report!;

        Assert.Equal(RenderStatus.Failed, report.Status);
        Assert.Equal(new RenderError("RENDER_FAILED", "FFmpeg exited with code 1: Invalid video source URL"), report.Error);
    }

    [Fact]
    public void Read_JobIdInOtherCase_ReportCarriesTheIdAsked()
    {
        var asked = JobId.ToUpperInvariant();

        var result = Read("completed.json", jobId: asked);

        Assert.Equal(ProviderStatusKind.Terminal, result.Kind);
        Assert.Equal(asked, result.Report!.JobId);
    }

    [Fact]
    public void Read_RateLimited_KeepsRetryAfter()
    {
        var result = Read("error-rate-limited.json", 429, TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter);
        Assert.Contains("42", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotFound_ReasonNamesTheCode() =>
        Assert.Equal("HTTP 404: 'NOT_FOUND': PhantomFlow does not know the job", Read("error-not-found.json", 404).Reason);

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[]")]
    [InlineData("{\"status\": 3}")]
    [InlineData("{\"status\": \"  \"}")]
    [InlineData("{\"job_id\": \"a1b2c3d4-e5f6-7890-abcd-ef1234567890\", \"status\": \"completed\", \"output_url\": 5, \"error\": []}")]
    public void Read_OddBodies_NeverThrow(string body)
    {
        var result = PhantomFlowStatusReader.Read(new StatusApiAnswer(200, PayloadFile.Utf8(body), null), JobId);

        Assert.True(result.Kind is ProviderStatusKind.Unavailable or ProviderStatusKind.Terminal, result.Reason);
    }

    [Fact]
    public void Read_LongStatus_CutToSixtyFourCharacters()
    {
        var body = $"{{\"job_id\": \"{JobId}\", \"status\": \"{new string('r', 100)}\\n\"}}";

        var result = PhantomFlowStatusReader.Read(new StatusApiAnswer(200, PayloadFile.Utf8(body), null), JobId);

        Assert.Equal(ProviderStatusKind.InProgress, result.Kind);
        Assert.Equal(new string('r', 64), result.ProviderState);
    }
}
