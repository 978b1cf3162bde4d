using Microsoft.Extensions.Logging.Abstractions;

namespace RenderHooks.Server.Startup;

/// <summary>
/// Leaves out the host's "Hosting failed to start" entry (with its stack) when the failure is one
/// <see cref="StartupFailure"/> describes in one line, which Program prints instead. Every other entry is kept, a bug's
/// "Hosting failed to start" included.
/// </summary>
internal sealed class StartupFailureLogSampler : LoggingSampler
{
    /// <summary>The host's category and its event id for "Hosting failed to start" (HostedServiceStartupFaulted).</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostingFailedToStart = 11;

    public override bool ShouldSample<TState>(in LogEntry<TState> logEntry) =>
        !(logEntry.EventId.Id == HostingFailedToStart
          && logEntry.Category == HostCategory
          && logEntry.Exception is { } exception
          && StartupFailure.Describe(exception) is not null);
}
