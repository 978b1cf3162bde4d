using RenderHooks.Security;

namespace RenderHooks.Tests.Security;

public sealed class WebhookPathRedactionTests
{
    private const string Token = "s3cret-token-0123456789_abc.~";

    [Theory]
    [InlineData("https://app.azurewebsites.net/api/hooks/phantomflow/" + Token, "https://app.azurewebsites.net/api/hooks/phantomflow/***")]
    [InlineData("http://127.0.0.1:51234/api/hooks/json2video/" + Token + "?code=x#frag", "http://127.0.0.1:51234/api/hooks/json2video/***?code=x#frag")]
    [InlineData("/api/hooks/phantomflow/" + Token + "/", "/api/hooks/phantomflow/***/")]
    [InlineData("POST /API/HOOKS/PhantomFlow/" + Token + " HTTP/1.1", "POST /API/HOOKS/PhantomFlow/*** HTTP/1.1")]
    [InlineData("Request starting \"/api/hooks/unknown/" + Token + "\" - 404", "Request starting \"/api/hooks/unknown/***\" - 404")]
    [InlineData("hooks/phantomflow/" + Token, "hooks/phantomflow/***")]
    public void Redact_WebhookPath_HidesOnlyTheToken(string text, string expected)
    {
        var redacted = WebhookPathRedaction.Redact(text);

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain(Token, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_SeveralWebhookPaths_HidesEveryToken()
    {
        var text = $"from /api/hooks/phantomflow/{Token} and /api/hooks/json2video/other-token-abcdefghij";

        Assert.Equal("from /api/hooks/phantomflow/*** and /api/hooks/json2video/***", WebhookPathRedaction.Redact(text));
    }

    [Theory]
    [InlineData("/api/jobs/json2video/JkGxEoPRF9EgRb32")]
    [InlineData("/api/health")]
    [InlineData("/api/webhooks/phantomflow/not-ours-0123456789")]
    [InlineData("/api/hooks/phantomflow")]
    [InlineData("/api/hooks/phantomflow/")]
    [InlineData("Executing 'Functions.ReceiveWebhook'")]
    [InlineData("")]
    public void Redact_NothingToHide_SameInstance(string text) =>
        Assert.Same(text, WebhookPathRedaction.Redact(text));

    [Fact]
    public void Redact_Null_Null() => Assert.Null(WebhookPathRedaction.Redact(null));

    [Fact]
    public void Redact_AlreadyRedacted_Unchanged() =>
        Assert.Equal("/api/hooks/phantomflow/***", WebhookPathRedaction.Redact("/api/hooks/phantomflow/***"));

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
