using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderHooks.Security;

namespace RenderHooks.Intake;

/// <summary>Refuses a sample webhook token (<see cref="SampleSecrets"/>) outside the Development environment, at start.</summary>
internal sealed class WebhookTokenSampleCheck(IHostEnvironment environment) : IValidateOptions<WebhookTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        for (var i = 0; i < options.WebhookTokens.Count; i++)
        {
            if (SampleSecrets.IsSample(options.WebhookTokens[i]))
            {
                failures.Add(SampleSecrets.Refusal($"RenderHooks:WebhookTokens:{i}", $"RenderHooks__WebhookTokens__{i}", environment.EnvironmentName));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
