namespace RenderHooks.Providers;

/// <summary>Why a render failed, as far as the provider said.</summary>
public sealed record RenderError(string? Code, string? Message);
