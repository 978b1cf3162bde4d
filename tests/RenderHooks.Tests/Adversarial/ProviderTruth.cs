using System.Globalization;
using System.Text.Json;
using RenderHooks.Events;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// What a provider's status API finally says about one job, with values of its own (so an answer applied to the
/// wrong job shows), and the check that an event says exactly that.
/// </summary>
public sealed record ProviderTruth(string Provider, string JobId, string Status, string? OutputUrl, double Duration, int Width, int Height, long Size, string? Message)
{
    public const string FailureCode = "RENDER_FAILED";

    public static ProviderTruth Done(string provider, string jobId, int n, string? outputUrl = null) =>
        new(provider, jobId, "completed", outputUrl ?? $"https://cdn.example.test/{provider}/{jobId}.mp4", 10.5 + n, 1280 + n, 720 + n, 1_000_000 + n, null);

    public static ProviderTruth Failed(string provider, string jobId, int n) =>
        new(provider, jobId, "failed", null, 0, 0, 0, 0, string.Create(CultureInfo.InvariantCulture, $"Render {n} failed: invalid source"));

    /// <summary>The status API's answer, in the provider's documented shape.</summary>
    public StatusReply Reply() =>
        Status == "completed" ? StatusReply.Done(OutputUrl!, Duration, Width, Height, Size) : StatusReply.Failed(FailureCode, Message!);

    /// <summary>The event is reconciliation's confirmed record of this answer: its id, state and every field.</summary>
    public void AssertIsTheAnswerIn(JsonElement e)
    {
        Assert.Equal(EventIds.For(Provider, JobId, Status, verified: true), e.GetProperty("eventId").GetString());
        Assert.Equal((Provider, JobId, Status, true), (e.GetProperty("provider").GetString(), e.GetProperty("jobId").GetString(), e.GetProperty("status").GetString(), e.GetProperty("verified").GetBoolean()));
        Assert.Equal("render." + Status, e.GetProperty("type").GetString());
        if (Status == "completed")
        {
            Assert.Equal(OutputUrl, e.GetProperty("outputUrl").GetString());
            Assert.Equal(Duration, e.GetProperty("durationSeconds").GetDouble());
            Assert.Equal((Width, Height, Size), (e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("sizeBytes").GetInt64()));
            Assert.False(e.TryGetProperty("error", out _));
        }
        else
        {
            Assert.False(e.TryGetProperty("outputUrl", out _));
            Assert.Equal(Message, e.GetProperty("error").GetProperty("message").GetString());
        }
    }
}
