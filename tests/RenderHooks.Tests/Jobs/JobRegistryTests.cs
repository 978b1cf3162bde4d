using System.Text;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Jobs;

[Collection(AzuriteCollection.Name)]
public sealed class JobRegistryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Register_NewJob_Created_WithReferenceAndLocation()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();

        var result = await Register(pipeline, $$"""{"provider":"json2video","jobId":"{{project}}","reference":"ord_42"}""");

        Assert.Equal(201, result.HttpStatusCode);
        Assert.Equal($"/api/jobs/json2video/{project}", result.Location);
        Assert.Equal("ord_42", result.Job!.Reference);
        Assert.NotNull(result.Job.RegisteredAt);
        Assert.Null(result.Job.Status);
        Assert.Equal(JobVerification.Pending, result.Job.Verification);
        Assert.Equal(0, result.Job.DeliveryCount);

        var stored = await pipeline.Jobs.GetAsync("json2video", project);
        Assert.Equal("ord_42", stored!.Reference);
    }

    [Fact]
    public async Task Register_Twice_SecondIsOkAndChangesNothing()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var body = $$"""{"provider":"phantomflow","jobId":"{{TestPayloads.NewPhantomFlowJobId()}}","reference":"first"}""";

        var first = await Register(pipeline, body);
        var second = await Register(pipeline, body.Replace("first", "second", StringComparison.Ordinal));

        Assert.Equal(201, first.HttpStatusCode);
        Assert.Equal(200, second.HttpStatusCode);
        Assert.Equal("first", second.Job!.Reference);
        Assert.Equal(first.Job!.RegisteredAt, second.Job.RegisteredAt);
        Assert.Null(second.Location);
    }

    [Fact]
    public async Task Register_ConcurrentlyManyTimes_OneCreated()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var body = $$"""{"provider":"phantomflow","jobId":"{{TestPayloads.NewPhantomFlowJobId()}}","reference":"r"}""";

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Register(pipeline, body)));

        Assert.Equal(1, results.Count(r => r.HttpStatusCode == 201));
        Assert.Equal(7, results.Count(r => r.HttpStatusCode == 200));
    }

    [Fact]
    public async Task Register_AfterItsWebhook_AddsTheReferenceAndKeepsTheState()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));

        var result = await Register(pipeline, $$"""{"provider":"phantomflow","jobId":"{{jobId}}","reference":"ord_7"}""");

        Assert.Equal(200, result.HttpStatusCode);
        Assert.Equal("ord_7", result.Job!.Reference);
        Assert.Equal("completed", result.Job.Status);
        Assert.Equal(1, result.Job.DeliveryCount);
        Assert.NotNull(result.Job.RegisteredAt);
    }

    [Fact]
    public async Task Register_ThenWebhook_EventCarriesTheReference()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        await Register(pipeline, $$"""{"provider":"json2video","jobId":"{{project}}","reference":"ord_42"}""");

        await pipeline.DeliverAsync("json2video", TestPayloads.Json2VideoCompleted(project));

        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal("ord_42", e.GetProperty("reference").GetString());
        Assert.Equal("webhook", e.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("text/plain", """{"provider":"json2video","jobId":"J"}""", 415)]
    [InlineData(null, """{"provider":"json2video","jobId":"J"}""", 415)]
    [InlineData("application/json", "", 400)]
    [InlineData("application/json", "{", 400)]
    [InlineData("application/json", """{"provider":"nope","jobId":"J"}""", 400)]
    public async Task Register_BadRequest_RefusedWithReasonAndNothingStored(string? contentType, string body, int status)
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);

        var result = await pipeline.Registry.RegisterAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType);

        Assert.Equal(status, result.HttpStatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        Assert.Null(result.Job);
        Assert.Null(await pipeline.Jobs.GetAsync("json2video", "J"));
    }

    [Fact]
    public async Task Register_OverTheSizeLimit_413()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var body = $$"""{"provider":"json2video","jobId":"J","padding":"{{new string('x', JobRegistry.MaxBodyBytes)}}"}""";

        var result = await Register(pipeline, body);

        Assert.Equal(413, result.HttpStatusCode);
    }

    private static Task<JobRegistrationResult> Register(PipelineHarness pipeline, string json) =>
        pipeline.Registry.RegisterAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "application/json; charset=utf-8");
}
