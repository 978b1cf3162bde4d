using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RenderHooks.Intake;

/// <summary>
/// Checks each provider's <see cref="WebhookSourceOptions"/> at start: every entry must be an address range, and a bad
/// one stops the start with the setting's full name, its value and what is wrong with it. A value given to
/// <c>…:AllowedSourceRanges</c> itself, without an index, is refused too: the list binder would ignore it and leave the
/// provider open to any source while the setting reads as a restriction.
/// </summary>
internal sealed class WebhookSourceOptionsValidator(IConfiguration configuration) : IValidateOptions<WebhookSourceOptions>
{
    /// <summary>How much of a bad value a message repeats.</summary>
    private const int MaxQuotedLength = 64;

    public ValidateOptionsResult Validate(string? name, WebhookSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is null || !WebhookSourceOptions.Sections.TryGetValue(name, out var section))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var setting = configuration.GetSection($"{section}:{nameof(WebhookSourceOptions.AllowedSourceRanges)}");
        if (!string.IsNullOrWhiteSpace(setting.Value))
        {
            failures.Add(
                $"{setting.Path} is a list: give each range its own index, {setting.Path}:0, :1, … (environment variables {EnvironmentName(setting.Path)}__0, __1, …).");
        }

        // Named by the keys they were bound from: the binder numbers the list from 0 whatever the keys' indexes are.
        var keys = setting.GetChildren().Select(child => child.Path).ToList();
        for (var i = 0; i < options.AllowedSourceRanges.Count; i++)
        {
            var entry = options.AllowedSourceRanges[i];
            if (!string.IsNullOrWhiteSpace(entry) && !CidrRange.TryParse(entry, out _, out var problem))
            {
                var key = keys.Count == options.AllowedSourceRanges.Count ? keys[i] : $"{setting.Path}:{i}";
                var quoted = entry.Length > MaxQuotedLength ? entry[..MaxQuotedLength] + "…" : entry;
                failures.Add($"{key} ('{quoted}') is not an address range: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string EnvironmentName(string path) => path.Replace(":", "__", StringComparison.Ordinal);
}
