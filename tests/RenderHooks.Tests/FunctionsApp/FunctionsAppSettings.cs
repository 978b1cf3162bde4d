using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// The settings the Functions app runs with in tests: the server tests' tokens and intake timeouts
/// (<see cref="ServerFactory"/>), so one contract case reads the same for both hosts, and queue and table names of its own.
/// </summary>
public static class FunctionsAppSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> For(PipelineNames names, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        return
        [
            new("RenderHooks:WebhookTokens:0", ServerFactory.Token),
            new("RenderHooks:WebhookTokens:1", ServerFactory.SecondToken),
            new("RenderHooks:Intake:EnqueueTimeout", "00:00:02"),
            new("RenderHooks:Intake:EnqueueRetries", "1"),
            .. names.AsSettings(),
            .. overrides ?? [],
        ];
    }
}
