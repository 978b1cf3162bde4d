using Microsoft.Extensions.Options;
using RenderHooks.Security;

namespace RenderHooks.Server.Management;

/// <summary>Refuses the sample management key (<see cref="SampleSecrets"/>) outside the Development environment, at start.</summary>
internal sealed class ManagementKeySampleCheck(IHostEnvironment environment) : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !environment.IsDevelopment() && SampleSecrets.IsSample(options.ManagementKey)
            ? ValidateOptionsResult.Fail(SampleSecrets.Refusal("RenderHooks:ManagementKey", "RenderHooks__ManagementKey", environment.EnvironmentName))
            : ValidateOptionsResult.Success;
    }
}
