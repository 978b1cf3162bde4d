namespace RenderHooks.Jobs;

/// <summary>One row of the due-date index: this job should be looked at from <see cref="DueAt"/> on.</summary>
internal sealed record DueEntry(string Provider, string JobId, DateTimeOffset DueAt);
