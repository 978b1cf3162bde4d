using System.Diagnostics.Tracing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Logging.EventSource;
using RenderHooks.Security;

namespace RenderHooks.Tests.Security;

/// <summary>
/// The categories that write a webhook's path stay quiet for every logger provider whatever configuration says — in
/// particular a provider-specific rule, which .NET prefers to any rule for all providers, such as
/// <c>Logging__Console__LogLevel__Default=Information</c>, which operators set every day.
/// </summary>
public sealed class TokenLogFiltersTests
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const string RoutingMatching = "Microsoft.AspNetCore.Routing.Matching";
    private const string KestrelBadRequests = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    public static TheoryData<string, string> ProviderRules
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in (string[])["Console", "Debug", "EventSource", "ApplicationInsights"])
            {
                data.Add(provider, "Default");
                data.Add(provider, "Microsoft.AspNetCore");
                data.Add(provider, HostingDiagnostics);
                data.Add(provider, HostingDiagnostics + "*");
                data.Add(provider, "Microsoft*Diagnostics");
                data.Add(provider, "by type name: Default");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ProviderRules))]
    public void ProviderSpecificRuleAtTrace_HostingRoutingAndKestrel_StayQuiet(string provider, string rule)
    {
        using var events = new LoggingEventListener();

        // The review's finding, as the framework decides it: with rules for all providers only (what the filters were),
        // the provider's own rule wins and the hosting diagnostics log the request line again.
        using (var exposed = Build(provider, rule, TokenFilters.ForAllProvidersOnly))
        {
            Assert.True(exposed.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HostingDiagnostics).IsEnabled(LogLevel.Information), $"{provider} {rule}: the case shows nothing");
        }

        using var host = Build(provider, rule, TokenFilters.AsAddRenderHooksAddsThem);
        var factory = host.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(factory.CreateLogger(HostingDiagnostics).IsEnabled(LogLevel.Critical), $"{provider} {rule}: hosting diagnostics");
        Assert.False(factory.CreateLogger(RoutingMatching).IsEnabled(LogLevel.Debug), $"{provider} {rule}: routing");
        Assert.False(factory.CreateLogger(KestrelBadRequests).IsEnabled(LogLevel.Debug), $"{provider} {rule}: Kestrel");
        Assert.True(factory.CreateLogger(RoutingMatching).IsEnabled(LogLevel.Warning), $"{provider} {rule}: routing below its cap");
    }

    [Fact]
    public void KeepWebhookTokensOut_RuleForOtherCategories_Untouched()
    {
        using var host = Build("Console", "Microsoft.AspNetCore.Hosting.Lifetime", TokenFilters.AsAddRenderHooksAddsThem);
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Lifetime").IsEnabled(LogLevel.Trace));
        Assert.False(factory.CreateLogger(HostingDiagnostics).IsEnabled(LogLevel.Critical));
    }

    private enum TokenFilters
    {
        ForAllProvidersOnly,
        AsAddRenderHooksAddsThem,
    }

    /// <summary>A host with one logger provider, a rule for it at Trace from configuration, and the filters.</summary>
    private static IHost Build(string provider, string rule, TokenFilters filters)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var (name, category) = rule.StartsWith("by type name: ", StringComparison.Ordinal)
            ? (TypeName(provider), rule["by type name: ".Length..])
            : (provider, rule);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Logging:{name}:LogLevel:{category}"] = "Trace",
            // Application Insights without a real resource: nothing is sent unless something logs.
            ["ApplicationInsights:ConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        switch (provider)
        {
            case "Console":
                builder.Logging.AddConsole();
                break;
            case "Debug":
                // The real DebugLoggerProvider logs nothing without a debugger attached, so it cannot show a rule's effect;
                // this one answers to the same alias and is on at every level its rules allow.
                builder.Logging.AddProvider(new DebugAliasProvider());
                break;
            case "EventSource":
                builder.Logging.AddEventSourceLogger();
                break;
            case "ApplicationInsights":
                // As the Functions app adds it (FunctionsBuilderExtensions): the SDK adds its logger and a rule of its own.
                builder.Services.AddApplicationInsightsTelemetryWorkerService();
                break;
        }

        if (filters == TokenFilters.AsAddRenderHooksAddsThem)
        {
            builder.Logging.KeepWebhookTokensOut();
        }
        else
        {
            builder.Logging.AddFilter(HostingDiagnostics, LogLevel.None).AddFilter(RoutingMatching, LogLevel.Information).AddFilter(KestrelBadRequests, LogLevel.Information);
        }

        return builder.Build();
    }

    private static string TypeName(string provider) => provider switch
    {
        "Console" => typeof(ConsoleLoggerProvider).FullName!,
        "Debug" => typeof(DebugAliasProvider).FullName!,
        "EventSource" => typeof(EventSourceLoggerProvider).FullName!,
        _ => typeof(ApplicationInsightsLoggerProvider).FullName!,
    };

    [ProviderAlias("Debug")]
    private sealed class DebugAliasProvider : ILoggerProvider
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

    /// <summary>Turns the logging event source on, so its logger reports what its rules allow.</summary>
    private sealed class LoggingEventListener : EventListener
    {
        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-Logging")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }
    }
}
