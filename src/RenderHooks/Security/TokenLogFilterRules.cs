using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RenderHooks.Security;

/// <summary>
/// Adds <see cref="TokenLogFilters.Rules"/> once every other rule is known — configuration's included — for each logger
/// provider by name, so they are the most specific rules for their categories and come last (a rule as specific as
/// another wins by coming later). A configured rule that would still outrank one of them for its category (a wildcard
/// pattern longer than the category's name) is capped at the same level.
/// </summary>
internal sealed class TokenLogFilterRules(IServiceProvider services) : IPostConfigureOptions<LoggerFilterOptions>
{
    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = new List<string>();
        foreach (var rule in options.Rules)
        {
            Add(providers, rule.ProviderName);
        }

        // Resolved after the logger factory has made them (it reads these options), so this creates nothing.
        foreach (var provider in services.GetServices<ILoggerProvider>())
        {
            var type = provider.GetType();
            Add(providers, type.FullName);
            Add(providers, type.GetCustomAttribute<ProviderAliasAttribute>()?.Alias);
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            options.Rules[i] = Capped(options.Rules[i]);
        }

        foreach (var (category, level) in TokenLogFilters.Rules)
        {
            options.Rules.Add(new LoggerFilterRule(null, category, level, null));
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, level, null));
            }
        }
    }

    private static void Add(List<string> providers, string? provider)
    {
        if (!string.IsNullOrEmpty(provider) && !providers.Contains(provider, StringComparer.Ordinal))
        {
            providers.Add(provider);
        }
    }

    /// <summary>The rule, its level raised to the cap of a protected category its pattern matches and is longer than.</summary>
    private static LoggerFilterRule Capped(LoggerFilterRule rule)
    {
        if (rule.CategoryName is not { } pattern)
        {
            return rule;
        }

        var level = rule.LogLevel ?? LogLevel.Trace;
        foreach (var (category, cap) in TokenLogFilters.Rules)
        {
            if (pattern.Length > category.Length && level < cap && Matches(pattern, category))
            {
                level = cap;
            }
        }

        return level == (rule.LogLevel ?? LogLevel.Trace) ? rule : new LoggerFilterRule(rule.ProviderName, rule.CategoryName, level, rule.Filter);
    }

    /// <summary>Whether a rule's category pattern (at most one <c>*</c>) applies to <paramref name="category"/>, as .NET decides it.</summary>
    private static bool Matches(string pattern, string category)
    {
        var wildcard = pattern.IndexOf('*', StringComparison.Ordinal);
        var prefix = wildcard < 0 ? pattern : pattern[..wildcard];
        var suffix = wildcard < 0 ? string.Empty : pattern[(wildcard + 1)..];
        return category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && category.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
