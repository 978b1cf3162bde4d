using Microsoft.Extensions.Logging;

namespace RenderHooks.AspNetCore;

/// <summary>Log messages of <see cref="WebhookRequests"/>. None carries a token or a payload.</summary>
internal static partial class WebhookRequestLog
{
    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Refused a webhook: its body could not be read ({StatusCode}: {Reason})")]
    public static partial void BodyUnreadable(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "A webhook's caller reset the connection before its body was read")]
    public static partial void CallerGone(ILogger logger);
}
