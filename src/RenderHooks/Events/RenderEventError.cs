namespace RenderHooks.Events;

/// <summary>The error of a failed render, as the provider reported it.</summary>
public sealed record RenderEventError(string? Code, string? Message);
