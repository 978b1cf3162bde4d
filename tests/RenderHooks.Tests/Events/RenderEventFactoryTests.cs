using System.Text.Json;
using System.Text.Json.Nodes;
using RenderHooks.Events;
using RenderHooks.Jobs;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Events;

public sealed class RenderEventFactoryTests
{
    [Fact]
    public void Create_FailedJob_ContractFieldsAndAbsentValuesOmitted()
    {
        var job = new JobRecord
        {
            Provider = "phantomflow", JobId = "a1", Status = RenderStatus.Failed, Source = JobSources.Webhook,
            ErrorCode = "RENDER_FAILED", ErrorMessage = "boom", ReceivedAt = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        };

        var json = JsonDocument.Parse(RenderEventFactory.Serialize(RenderEventFactory.Create(job))).RootElement;

        Assert.Equal("render.failed", json.GetProperty("type").GetString());
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal("webhook", json.GetProperty("source").GetString());
        Assert.False(json.GetProperty("verified").GetBoolean());
        Assert.Equal("RENDER_FAILED", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("2026-11-22T10:00:00Z", json.GetProperty("receivedAt").GetString());
        Assert.False(json.TryGetProperty("outputUrl", out _));
        Assert.False(json.TryGetProperty("width", out _));
        Assert.False(json.TryGetProperty("reference", out _));
    }

    [Fact]
    public void Serialize_HugeClientData_ShrunkToFitOneQueueMessage()
    {
        var clientData = new JsonObject();
        for (var i = 0; i < 100; i++)
        {
            clientData["k" + i] = new string('\u0001', 300);
        }

        var job = new JobRecord
        {
            Provider = "json2video", JobId = "JkGxEoPRF9EgRb32", Status = RenderStatus.Completed, Source = JobSources.Webhook,
            ClientData = System.Text.Encoding.UTF8.GetBytes(clientData.ToJsonString()), OutputUrl = "https://x/" + new string('\u0002', 20_000) + ".mp4",
        };

        var bytes = RenderEventFactory.Serialize(RenderEventFactory.Create(job));

        Assert.True(bytes.Length <= RenderEventFactory.MaxEventBytes, $"{bytes.Length} bytes");
        var json = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal("JkGxEoPRF9EgRb32", json.GetProperty("jobId").GetString());
        Assert.False(json.TryGetProperty("clientData", out _));
    }
}
