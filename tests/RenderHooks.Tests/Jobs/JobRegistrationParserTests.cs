using System.Text;
using RenderHooks.Jobs;

namespace RenderHooks.Tests.Jobs;

public sealed class JobRegistrationParserTests
{
    [Fact]
    public void TryParse_ContractExample_Parses()
    {
        Assert.True(Parse("""{"provider":"json2video","jobId":"JkGxEoPRF9EgRb32","reference":"ord_42"}""", out var registration, out _));
        Assert.Equal(new JobRegistration("json2video", "JkGxEoPRF9EgRb32", "ord_42"), registration);
    }

    [Fact]
    public void TryParse_ProviderInAnyCaseAndNoReference_Parses()
    {
        Assert.True(Parse("""{"provider":"PhantomFlow","jobId":" a1b2c3d4-e5f6-7890-abcd-ef1234567890 ","extra":[1,2]}""", out var registration, out _));
        Assert.Equal(new JobRegistration("phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", null), registration);
    }

    [Theory]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":null}""")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":"   "}""")]
    public void TryParse_EmptyReference_IsNone(string json)
    {
        Assert.True(Parse(json, out var registration, out _));
        Assert.Null(registration!.Reference);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"jobId":"J"}""", "provider must be one of: phantomflow, json2video")]
    [InlineData("""{"provider":"shotstack","jobId":"J"}""", "provider must be one of")]
    [InlineData("""{"provider":"json2video"}""", "missing jobId")]
    [InlineData("""{"provider":"json2video","jobId":42}""", "jobId must be a string")]
    [InlineData("""{"provider":"json2video","jobId":""}""", "missing jobId")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":7}""", "reference must be a string")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":"a\u0001b"}""", "control or invisible format characters")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":"ord_\u202E24"}""", "control or invisible format characters")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":"ord\u200B_42"}""", "control or invisible format characters")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":"ord\u2028_42"}""", "control or invisible format characters")]
    [InlineData("""{"provider":"json2video","jobId":"J","reference":"\uD800"}""", "reference contains invalid characters")]
    [InlineData("""{"provider":"\uD800","jobId":"J"}""", "unpaired surrogate escape")]
    [InlineData("""{"\uDC00":1,"provider":"json2video","jobId":"J"}""", "unpaired surrogate escape")]
    [InlineData("""{"provider":"json2video","jobId":"ord\u202E24"}""", "jobId contains invisible format characters")]
    [InlineData("""{"provider":"json2video","jobId":"reg\u2029x"}""", "jobId contains invisible format characters")]
    public void TryParse_Invalid_SaysWhy(string json, string expected)
    {
        Assert.False(Parse(json, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_JobIdTooLongOnceEscaped_RefusedWithTheReason()
    {
        var json = $$"""{"provider":"phantomflow","jobId":"{{new string('/', 256)}}"}""";

        Assert.False(Parse(json, out _, out var reason));
        Assert.Equal("jobId is 768 characters long as a table key, over 492 ('/', '\\', '#', '?', '%' and '~' take 3 each).", reason);
    }

    [Fact]
    public void TryParse_LongReference_Refused()
    {
        var json = $$"""{"provider":"json2video","jobId":"J","reference":"{{new string('r', JobRegistrationParser.MaxReferenceLength + 1)}}"}""";

        Assert.False(Parse(json, out _, out var reason));
        Assert.Contains("at most 256 characters", reason, StringComparison.Ordinal);
    }

    private static bool Parse(string json, out JobRegistration? registration, out string? reason) =>
        JobRegistrationParser.TryParse(Encoding.UTF8.GetBytes(json), out registration, out reason);
}
