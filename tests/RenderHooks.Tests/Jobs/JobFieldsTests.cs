using System.Text.Json.Nodes;
using RenderHooks.Jobs;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Jobs;

public sealed class JobFieldsTests
{
    [Fact]
    public void ReplaceWithProviderAnswer_KeepsNothingOnlyTheWebhookSaid()
    {
        var job = Job(RenderStatus.Completed, outputUrl: "https://evil.example.test/forged.mp4");
        job.ClientData = "{\"order_id\":\"forged\"}"u8.ToArray();
        job.MovieId = "movie-1";
        job.Width = 640;

        JobFields.ReplaceWithProviderAnswer(job, Answer(RenderStatus.Completed, outputUrl: "https://cdn.example.test/a.mp4", sizeBytes: 99, width: 1280));

        Assert.Equal("https://cdn.example.test/a.mp4", job.OutputUrl);
        Assert.Equal(99, job.SizeBytes);
        Assert.Equal(1280, job.Width);
        Assert.Null(job.DurationSeconds);
        Assert.Null(job.MovieId);
        Assert.Null(job.ClientData);
    }

    [Fact]
    public void ReplaceWithProviderAnswer_Failed_TakesTheProvidersErrorNotTheWebhooks()
    {
        var job = Job(RenderStatus.Failed);
        job.ErrorCode = "NO_OUTPUT_URL";

        JobFields.ReplaceWithProviderAnswer(job, Answer(RenderStatus.Failed, error: new RenderError(null, "Source video not found")));

        Assert.Null(job.ErrorCode);
        Assert.Equal("Source video not found", job.ErrorMessage);
        Assert.Null(job.OutputUrl);
    }

    [Fact]
    public void ReplaceWithProviderAnswer_ProvidersClientData_Kept_EmptyObjectIsNone()
    {
        var job = Job(RenderStatus.Completed);

        JobFields.ReplaceWithProviderAnswer(job, Answer(RenderStatus.Completed) with { ClientData = new JsonObject { ["b"] = 2 } });
        Assert.Equal("{\"b\":2}", System.Text.Encoding.UTF8.GetString(job.ClientData!));

        JobFields.ReplaceWithProviderAnswer(job, Answer(RenderStatus.Completed) with { ClientData = [] });
        Assert.Null(job.ClientData);
    }

    [Theory]
    [InlineData(RenderStatus.Completed, "https://x.test/a.mp4", RenderStatus.Completed, "https://x.test/a.mp4", true)]
    [InlineData(RenderStatus.Completed, "https://x.test/a.mp4", RenderStatus.Completed, null, false)]
    [InlineData(RenderStatus.Completed, null, RenderStatus.Completed, "https://x.test/a.mp4", false)]
    [InlineData(RenderStatus.Completed, "", RenderStatus.Completed, null, true)]
    [InlineData(RenderStatus.Failed, "https://x.test/partial", RenderStatus.Failed, null, true)]
    [InlineData(RenderStatus.Completed, "https://evil.test/a.mp4", RenderStatus.Completed, "https://x.test/a.mp4", false)]
    [InlineData(RenderStatus.Completed, "https://x.test/a.mp4", RenderStatus.Failed, null, false)]
    [InlineData(RenderStatus.Failed, null, RenderStatus.Completed, "https://x.test/a.mp4", false)]
    [InlineData(RenderStatus.Failed, null, RenderStatus.Failed, null, true)]
    public void Confirms_SameStatusAndForACompletedRenderTheSameUrl(RenderStatus recorded, string? recordedUrl, RenderStatus answered, string? answeredUrl, bool confirms)
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
