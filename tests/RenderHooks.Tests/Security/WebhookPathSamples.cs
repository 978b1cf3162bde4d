namespace RenderHooks.Tests.Security;

/// <summary>
/// Texts that hold a webhook URL, and how they read once masked: the samples that both the library's regular
/// expression (.NET) and RE2, the engine of the workspace transformation's KQL, must treat alike.
/// </summary>
internal static class WebhookPathSamples
{
    /// <summary>A token with every URL-safe character class: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>, <c>~</c>.</summary>
    public const string Token = "s3cret-token-0123456789_abc.~";

    /// <summary>Text with a token, and the same text masked.</summary>
    public static IReadOnlyList<(string Text, string Masked)> Masked { get; } =
    [
        // Both providers, as the Functions host and Application Insights write URLs.
        ("https://app.azurewebsites.net/api/hooks/phantomflow/" + Token, "https://app.azurewebsites.net/api/hooks/phantomflow/***"),
        ("http://127.0.0.1:51234/api/hooks/json2video/" + Token + "?code=x#frag", "http://127.0.0.1:51234/api/hooks/json2video/***?code=x#frag"),
        ("POST /api/hooks/json2video/" + Token, "POST /api/hooks/json2video/***"),
        // Trailing slash, other case, inside log lines and markup, at the start.
        ("/api/hooks/phantomflow/" + Token + "/", "/api/hooks/phantomflow/***"),
        ("POST /API/HOOKS/PhantomFlow/" + Token + " HTTP/1.1", "POST /API/HOOKS/PhantomFlow/*** HTTP/1.1"),
        ("Request starting \"/api/hooks/unknown/" + Token + "\" - 404", "Request starting \"/api/hooks/unknown/***\" - 404"),
        ("<a href='/api/hooks/phantomflow/" + Token + "'>", "<a href='/api/hooks/phantomflow/***'>"),
        ("hooks/phantomflow/" + Token, "hooks/phantomflow/***"),
        ("line\n/api/hooks/phantomflow/" + Token + "\tnext", "line\n/api/hooks/phantomflow/***\tnext"),
        // Two URLs in one text.
        ($"from /api/hooks/phantomflow/{Token} and /api/hooks/json2video/other-token-abcdefghij", "from /api/hooks/phantomflow/*** and /api/hooks/json2video/***"),
        // Properties as JSON text (a dynamic column turned into a string), also with an escaped quote after the URL.
        ("{\"Url\":\"https://x/api/hooks/phantomflow/" + Token + "\",\"n\":1}", "{\"Url\":\"https://x/api/hooks/phantomflow/***\",\"n\":1}"),
        ("{\"m\":\"see \\\"/api/hooks/json2video/" + Token + "\\\" here\"}", "{\"m\":\"see \\\"/api/hooks/json2video/***\\\" here\"}"),
        // Raw request targets Kestrel accepts and routes to the webhook after removing dot segments or decoding.
        ("/api/hooks/./phantomflow/" + Token, "/api/hooks/./***"),
        ("/api/hooks/x/../phantomflow/" + Token, "/api/hooks/x/***"),
        ("/api/hooks/phantomflow/./" + Token, "/api/hooks/phantomflow/***"),
        ("/api/hooks/phantomflow/x/../" + Token + "?a=1", "/api/hooks/phantomflow/***?a=1"),
        ("/api/x/../hooks/json2video/" + Token, "/api/x/../hooks/json2video/***"),
        ("/api/hooks/%2e%2E/phantomflow/" + Token, "/api/hooks/%2e%2E/***"),
        ("/api/h%6F%6fk%73/phantomflow/" + Token, "/api/h%6F%6fk%73/phantomflow/***"),
        ("/api/hooks//phantomflow/" + Token, "/api/hooks//***"),
        ("/api/hooks/json2video/%73%33cret-%7E%2Fx", "/api/hooks/json2video/***"),
        // Whitespace outside ASCII does not end the token for either engine: more is masked, never less.
        ("/api/hooks/phantomflow/" + Token + "\u00a0after space", "/api/hooks/phantomflow/*** space"),
        // Already masked: unchanged text.
        ("/api/hooks/phantomflow/***", "/api/hooks/phantomflow/***"),
    ];

    /// <summary>Text without a token.</summary>
    public static IReadOnlyList<string> Unchanged { get; } =
    [
        "/api/jobs/json2video/JkGxEoPRF9EgRb32",
        "/api/health",
        "/api/webhooks/phantomflow/not-ours-0123456789",
        "/api/hooks/phantomflow",
        "/api/hooks/phantomflow/",
        "/api/hooks/phantomflow?x=1",
        "Executing 'Functions.ReceiveWebhook'",
        "",
    ];
}
