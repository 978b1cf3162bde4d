using RenderHooks.Jobs;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Jobs;

public sealed class JobPathsTests
{
    [Theory]
    [InlineData("JkGxEoPRF9EgRb32", "/api/jobs/json2video/JkGxEoPRF9EgRb32")]
    [InlineData("reg/1", "/api/jobs/json2video/reg%2F1")]
    [InlineData("50%off", "/api/jobs/json2video/50%25off")]
    [InlineData("a b?c#d", "/api/jobs/json2video/a%20b%3Fc%23d")]
    public void Location_EscapesTheIdAsOneSegment(string jobId, string expected)
    {
        Assert.Equal(expected, JobPaths.Location("json2video", jobId));
    }

    /// <summary>What the routing of either host gives for a path segment: every escape decoded but %2F.</summary>
    [Theory]
    [InlineData("reg%2F1", "reg/1")]
    [InlineData("reg/1", "reg/1")]
    [InlineData("50%off", "50%off")]
    [InlineData("a%2", "a%2")]
    [InlineData("a b", "a b")]
    public void JobIdFromRoute_DecodesOnce(string routeValue, string expected)
    {
        Assert.Equal(expected, JobPaths.JobIdFromRoute(routeValue));
    }

    [Theory]
    [InlineData("reg/1")]
    [InlineData("50%off")]
    [InlineData("100%")]
    [InlineData("q?x#y")]
    [InlineData("~tilde+plus")]
    public void Location_OfAValidId_ComesBackAsTheSameId(string jobId)
    {
        Assert.True(JobIdRules.TryValidate(jobId, "jobId", out _, out _));
        var segment = JobPaths.Location("json2video", jobId)["/api/jobs/json2video/".Length..];

        Assert.Equal(jobId, JobPaths.JobIdFromRoute(AsRouted(segment)));
    }

    /// <summary>Kestrel's decoding of a path before routing: every %XX but %2F.</summary>
    private static string AsRouted(string segment) => Uri.UnescapeDataString(segment.Replace("%2F", "%252F", StringComparison.Ordinal));
}
