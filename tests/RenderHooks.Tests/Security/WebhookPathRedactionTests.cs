using RenderHooks.Security;

namespace RenderHooks.Tests.Security;

public sealed class WebhookPathRedactionTests
{
    private const string Token = WebhookPathSamples.Token;

    public static TheoryData<string, string> Masked()
    {
        var data = new TheoryData<string, string>();
        foreach (var (text, masked) in WebhookPathSamples.Masked)
        {
            data.Add(text, masked);
        }

        return data;
    }

    public static TheoryData<string> Unchanged() => new(WebhookPathSamples.Unchanged);

    [Theory]
    [MemberData(nameof(Masked))]
    public void Redact_WebhookPath_HidesTheTokenAndKeepsTheRest(string text, string expected)
    {
        var redacted = WebhookPathRedaction.Redact(text);

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain(Token, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unchanged))]
    public void Redact_NothingToHide_SameInstance(string text) =>
        Assert.Same(text, WebhookPathRedaction.Redact(text));

    [Fact]
    public void Redact_Null_Null() => Assert.Null(WebhookPathRedaction.Redact(null));

    [Theory]
    [InlineData("/api/hooks/./phantomflow/")]
    [InlineData("/api/hooks/x/../phantomflow/")]
    [InlineData("/api/hooks/%2E/phantomflow/")]
    [InlineData("/api/./hooks/phantomflow/")]
    [InlineData("/api/hooks/phantomflow/./")]
    [InlineData("/api/hooks/phantomflow/x/../")]
    public void Redact_DotSegmentTarget_AndThePathKestrelRoutes_BothHideTheToken(string rawPrefix)
    {
        // Kestrel removes the dot segments before routing, so this raw target reaches the webhook endpoint as
        // /api/hooks/phantomflow/{token}; text may carry either form.
        var raw = rawPrefix + Token;
        var normalized = new Uri(new Uri("http://localhost"), raw).AbsolutePath;

        Assert.Equal("/api/hooks/phantomflow/" + Token, normalized);
        Assert.DoesNotContain(Token, WebhookPathRedaction.Redact(raw), StringComparison.Ordinal);
        Assert.Equal("/api/hooks/phantomflow/***", WebhookPathRedaction.Redact(normalized));
    }

    [Fact]
    public void RedactValues_TokenInSomeValues_RedactsThoseAndKeepsTheRest()
    {
        var properties = new Dictionary<string, string>
        {
            ["RequestPath"] = "/api/hooks/phantomflow/" + Token,
            ["Url"] = "https://app.azurewebsites.net/api/hooks/json2video/" + Token + "?x=1",
            ["Category"] = "Microsoft.AspNetCore.Hosting.Diagnostics",
        };

        WebhookPathRedaction.RedactValues(properties);

        Assert.Equal("/api/hooks/phantomflow/***", properties["RequestPath"]);
        Assert.Equal("https://app.azurewebsites.net/api/hooks/json2video/***?x=1", properties["Url"]);
        Assert.Equal("Microsoft.AspNetCore.Hosting.Diagnostics", properties["Category"]);
    }
}
