using Microsoft.Extensions.Options;
using RenderHooks.Security;

namespace RenderHooks.Intake;

/// <summary>
/// Checks a path token against every configured token in constant time: every token is always compared,
/// so neither which token matched nor how many there are shows in the timing.
/// </summary>
public sealed class WebhookTokenValidator(IOptionsMonitor<WebhookTokenOptions> options)
{
    public bool IsValid(string? token)
    {
        var match = false;
        foreach (var configured in options.CurrentValue.WebhookTokens)
        {
            // A blank entry (an emptied rotation slot) is not a token: it must never match a blank path segment.
            if (!string.IsNullOrWhiteSpace(configured))
            {
                match |= SecretComparison.FixedTimeEquals(token, configured);
            }
        }

        return match;
    }
}
