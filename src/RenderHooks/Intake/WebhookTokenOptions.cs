using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Intake;

/// <summary>
/// The secret path tokens webhooks must carry (<c>RenderHooks:WebhookTokens:0</c>, <c>:1</c>, …).
/// Two at once allow rotation: add the new one, update the providers, remove the old one.
/// </summary>
public sealed class WebhookTokenOptions : IValidatableObject
{
    public const string SectionName = "RenderHooks";

    /// <summary>The shortest token accepted: a path token is a password and must not be guessable.</summary>
    public const int MinimumTokenLength = 16;

    public IList<string> WebhookTokens { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var tokens = WebhookTokens.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (tokens.Count == 0)
        {
            yield return new ValidationResult(
                "RenderHooks:WebhookTokens:0 is required: set at least one secret path token (environment variable RenderHooks__WebhookTokens__0).",
                [nameof(WebhookTokens)]);
        }

        for (var i = 0; i < WebhookTokens.Count; i++)
        {
            var token = WebhookTokens[i];
            if (string.IsNullOrWhiteSpace(token))
            {
                continue;
            }

            if (IsUnresolvedKeyVaultReference(token))
            {
                // The platform puts the reference itself in the setting when it cannot read the secret. The reference is
                // not URL-safe, so it could never be used as a token; say what is wrong instead of "too weak".
                yield return new ValidationResult(
                    $"RenderHooks:WebhookTokens:{i} is a Key Vault reference the platform could not resolve: the app's identity needs the Key Vault Secrets User role on the vault (and the site's keyVaultReferenceIdentity set to it), and the secret must exist. Restart the app once that is fixed.",
                    [nameof(WebhookTokens)]);
                continue;
            }

            if (token.Length < MinimumTokenLength || !token.All(IsUrlSafe))
            {
                yield return new ValidationResult(
                    $"RenderHooks:WebhookTokens:{i} must be at least {MinimumTokenLength} characters of letters, digits, '-', '_', '.' or '~' (it travels in a URL path).",
                    [nameof(WebhookTokens)]);
            }
        }
    }

    private static bool IsUnresolvedKeyVaultReference(string token) =>
        token.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
}
