using RenderHooks.Providers;

namespace RenderHooks.Tests.Providers;

public class ParseResultTests
{
    [Fact]
    public void Success_WithReport_IsSuccessWithoutReason()
    {
        var report = new RenderReport { Provider = ProviderNames.PhantomFlow, JobId = "j", Status = RenderStatus.Completed };

        var result = ParseResult.Success(report);

        Assert.True(result.IsSuccess);
        Assert.Same(report, result.Report);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Failure_WithReason_IsFailureWithoutReport()
    {
        var result = ParseResult.Failure("missing job_id");

        Assert.False(result.IsSuccess);
        Assert.Null(result.Report);
        Assert.Equal("missing job_id", result.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Failure_BlankReason_Throws(string reason)
    {
        Assert.Throws<ArgumentException>(() => ParseResult.Failure(reason));
    }

    [Fact]
    public void Success_NullReport_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ParseResult.Success(null!));
    }
}
