using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Security;

namespace RenderHooks.Tests.Security;

public sealed class TokenLogFiltersTests
{
    [Fact]
    public void KeepWebhookTokensOut_ForAProviderWithItsOwnCatchAllRule_StillSilencesTheHostingDiagnostics()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new RecordingProvider());
            logging.AddFilter<RecordingProvider>(null, LogLevel.Trace); // as Application Insights adds its own rule
            logging.KeepWebhookTokensOut();
            logging.KeepWebhookTokensOut<RecordingProvider>();
        });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Routing.Matching").IsEnabled(LogLevel.Debug));
        Assert.True(factory.CreateLogger("RenderHooks.Reconciliation.Reconciler").IsEnabled(LogLevel.Trace));
        Assert.Equal(6, provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules.Count(r => r.CategoryName?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void KeepWebhookTokensOut_WithoutTheProviderOverload_TheProvidersOwnRuleWins()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new RecordingProvider());
            logging.AddFilter<RecordingProvider>(null, LogLevel.Trace);
            logging.KeepWebhookTokensOut();
        });
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    private sealed class RecordingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new AlwaysOnLogger();

        public void Dispose()
        {
        }
    }

    /// <summary>Enabled at every level, so only the filter rules decide.</summary>
    private sealed class AlwaysOnLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
