namespace RenderHooks.Security;

/// <summary>
/// The placeholder secrets of the repository's sample settings (<c>dev-token-REPLACE-ME-…</c> in the server's Development
/// settings, <c>REPLACE-ME-local-webhook-token-…</c> in local.settings.sample.json) are public: a token or key that holds
/// <see cref="Marker"/> is accepted only in the Development environment, and refused at start anywhere else.
/// </summary>
public static class SampleSecrets
{
    /// <summary>What marks a sample secret, in any letter case.</summary>
    public const string Marker = "REPLACE-ME";

    /// <summary>How to make a real one.</summary>
    public const string HowToGenerate = "openssl rand -hex 24";

    public static bool IsSample(string? value) => value?.Contains(Marker, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The start-up error for a sample value of <paramref name="setting"/>, set through <paramref name="variable"/>.</summary>
    public static string Refusal(string setting, string variable, string environment) =>
        $"{setting} is the sample value (it contains {Marker}), which is accepted only in the Development environment, not in '{environment}'. " +
        $"Generate a secret, for example with `{HowToGenerate}`, and set it as {variable}.";
}
