using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every line written at the levels configuration lets through: message, state,
/// exception, and every scope around it (as a JSON console or Application Insights would record them).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public string AllText => string.Join('\n', _lines);

    /// <summary>The same lines, with their level and event id.</summary>
    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    /// <summary>Whether a line with <paramref name="eventId"/> was written (e.g. a stable <c>[LoggerMessage]</c> id).</summary>
    public bool Has(int eventId) => _entries.Any(e => e.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Describe(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(';', pairs.Select(p => $"{p.Key}={p.Value}")) : $"{state}";

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new StringBuilder();
            owner._scopes.ForEachScope((scope, sb) => sb.Append(" scope{").Append(Describe(scope)).Append('}'), scopes);
            var message = formatter(state, exception);
            owner._entries.Enqueue(new CapturedLog(logLevel, eventId, category, message, exception));
            owner._lines.Enqueue($"{logLevel} {category}: {message} [{Describe(state)}]{scopes} {exception}");
        }
    }
}
