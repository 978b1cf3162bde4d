using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Intake;

public sealed class WebhookTokenValidatorTests
{
    private static WebhookTokenValidator Validator(params string[] tokens)
    {
        var options = new WebhookTokenOptions { WebhookTokens = [.. tokens] };
        return new WebhookTokenValidator(new StaticOptionsMonitor<WebhookTokenOptions>(options));
    }

    [Theory]
    [InlineData("first-token-0123456789")]
    [InlineData("second-token-abcdefghij")]
    public void IsValid_AnyConfiguredToken_True(string token) =>
        Assert.True(Validator("first-token-0123456789", "second-token-abcdefghij").IsValid(token));

    [Theory]
    [InlineData("first-token-012345678")]
    [InlineData("first-token-01234567890")]
    [InlineData("First-token-0123456789")]
    [InlineData("first-token-0123456788")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_NearMissesAndEmpty_False(string? token) =>
        Assert.False(Validator("first-token-0123456789").IsValid(token));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void IsValid_BlankConfiguredEntry_NeverMatchesBlankToken(string blank)
    {
        var validator = Validator(blank, "first-token-0123456789");
        Assert.False(validator.IsValid(blank));
        Assert.False(validator.IsValid(" "));
        Assert.False(validator.IsValid(""));
    }

    [Fact]
    public void Options_NoToken_ValidationNamesTheSetting()
    {
        var errors = Validate(new WebhookTokenOptions());
        Assert.Contains(errors, e => e.Contains("RenderHooks:WebhookTokens:0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has/slash-in-it-0123456789")]
    [InlineData("has space in it 0123456789")]
    public void Options_WeakOrUnsafeToken_ValidationFails(string token)
    {
        var errors = Validate(new WebhookTokenOptions { WebhookTokens = [token] });
        Assert.Contains(errors, e => e.Contains("RenderHooks:WebhookTokens:0 must be", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-abc;SecretName=webhook-token-0)")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/webhook-token-0/)")]
    public void Options_UnresolvedKeyVaultReference_SaysSo(string reference)
    {
        var errors = Validate(new WebhookTokenOptions { WebhookTokens = ["first-token-0123456789", reference] });

        var error = Assert.Single(errors);
        Assert.Contains("RenderHooks:WebhookTokens:1 is a Key Vault reference the platform could not resolve", error, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, error, StringComparison.Ordinal);
    }

    private static List<string> Validate(WebhookTokenOptions options)
    {
        var result = new DataAnnotationValidateOptions<WebhookTokenOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
