using System.Text.Json.Nodes;
using RenderHooks.Jobs;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Jobs;

public sealed class JobFieldsTests
{
    [Fact]
    public void MergeProviderAnswer_Completed_ProviderFieldsWinAndWebhookOnlyFieldsStay()
    {
        var job = Job(RenderStatus.Completed, outputUrl: "https://cdn.example.test/a.mp4");
        job.ClientData = "{\"order_id\":\"ord_42\"}"u8.ToArray();
        job.MovieId = "movie-1";

        JobFields.MergeProviderAnswer(job, Answer(RenderStatus.Completed, outputUrl: "https://cdn.example.test/a.mp4", sizeBytes: 99, width: 1280));

        Assert.Equal(99, job.SizeBytes);
        Assert.Equal(1280, job.Width);
        Assert.Equal(15.2, job.DurationSeconds);
        Assert.Equal("movie-1", job.MovieId);
        Assert.Equal("ord_42", job.ParseClientData()!["order_id"]!.GetValue<string>());
    }

    [Fact]
    public void MergeProviderAnswer_FailedOverCompleted_DropsTheOutputAndTakesTheError()
    {
        var job = Job(RenderStatus.Completed, outputUrl: "https://evil.example.test/forged.mp4");

        JobFields.MergeProviderAnswer(job, Answer(RenderStatus.Failed, error: new RenderError("RENDER_FAILED", "boom")));

        Assert.Equal(RenderStatus.Failed, job.Status);
        Assert.Null(job.OutputUrl);
        Assert.Null(job.DurationSeconds);
        Assert.Null(job.SizeBytes);
        Assert.Equal("RENDER_FAILED", job.ErrorCode);
        Assert.Equal("boom", job.ErrorMessage);
    }

    [Fact]
    public void MergeProviderAnswer_CompletedOverFailed_ClearsTheError()
    {
        var job = Job(RenderStatus.Failed);
        job.ErrorCode = "NO_OUTPUT_URL";
        job.ErrorMessage = "The webhook carried no output URL.";

        JobFields.MergeProviderAnswer(job, Answer(RenderStatus.Completed, outputUrl: "https://cdn.example.test/b.mp4"));

        Assert.Equal(RenderStatus.Completed, job.Status);
        Assert.Equal("https://cdn.example.test/b.mp4", job.OutputUrl);
        Assert.Null(job.ErrorCode);
        Assert.Null(job.ErrorMessage);
    }

    [Fact]
    public void MergeProviderAnswer_NewClientData_ReplacesTheOld()
    {
        var job = Job(RenderStatus.Completed);
        job.ClientData = "{\"a\":1}"u8.ToArray();

        JobFields.MergeProviderAnswer(job, Answer(RenderStatus.Completed) with { ClientData = new JsonObject { ["b"] = 2 } });

        Assert.Equal("{\"b\":2}", System.Text.Encoding.UTF8.GetString(job.ClientData!));
    }

    [Fact]
    public void MergeProviderAnswer_EmptyClientData_KeepsTheWebhooks()
    {
        var job = Job(RenderStatus.Completed);
        job.ClientData = "{\"a\":1}"u8.ToArray();

        JobFields.MergeProviderAnswer(job, Answer(RenderStatus.Completed) with { ClientData = [] });

        Assert.Equal("{\"a\":1}", System.Text.Encoding.UTF8.GetString(job.ClientData!));
    }

    [Theory]
    [InlineData(RenderStatus.Completed, "https://x.test/a.mp4", RenderStatus.Completed, "https://x.test/a.mp4", true)]
    [InlineData(RenderStatus.Completed, "https://x.test/a.mp4", RenderStatus.Completed, null, true)]
    [InlineData(RenderStatus.Completed, null, RenderStatus.Completed, "https://x.test/a.mp4", true)]
    [InlineData(RenderStatus.Completed, "https://evil.test/a.mp4", RenderStatus.Completed, "https://x.test/a.mp4", false)]
    [InlineData(RenderStatus.Completed, "https://x.test/a.mp4", RenderStatus.Failed, null, false)]
    [InlineData(RenderStatus.Failed, null, RenderStatus.Completed, "https://x.test/a.mp4", false)]
    [InlineData(RenderStatus.Failed, null, RenderStatus.Failed, null, true)]
    public void Confirms_SameStatusAndNoOtherUrl(RenderStatus recorded, string? recordedUrl, RenderStatus answered, string? answeredUrl, bool confirms)
    {
        Assert.Equal(confirms, JobFields.Confirms(Job(recorded, recordedUrl), Answer(answered, outputUrl: answeredUrl)));
    }

    private static JobRecord Job(RenderStatus status, string? outputUrl = null) => new()
    {
        Provider = ProviderNames.Json2Video,
        JobId = "JkGxEoPRF9EgRb32",
        Status = status,
        OutputUrl = outputUrl,
        DurationSeconds = status == RenderStatus.Completed ? 15.2 : null,
        SizeBytes = status == RenderStatus.Completed ? 1234 : null,
    };

    private static RenderReport Answer(RenderStatus status, string? outputUrl = null, long? sizeBytes = null, int? width = null, RenderError? error = null) => new()
    {
        Provider = ProviderNames.Json2Video,
        JobId = "JkGxEoPRF9EgRb32",
        Status = status,
        OutputUrl = outputUrl,
        SizeBytes = sizeBytes,
        Width = width,
        Error = error,
    };
}
