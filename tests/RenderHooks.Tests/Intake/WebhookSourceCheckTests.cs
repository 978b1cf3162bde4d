using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Intake;

/// <summary>The allowlists as the composition binds and validates them, per provider, from their settings.</summary>
public sealed class WebhookSourceCheckTests
{
    [Fact]
    public void IsAllowed_EachProviderItsOwnList_AProviderWithoutOneAllowsAnySource()
    {
        using var host = Build(new()
        {
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "203.0.113.0/24",
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:1"] = "2001:db8::/32",
        });
        var check = host.Services.GetRequiredService<WebhookSourceCheck>();

        Assert.True(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("203.0.113.9")));
        Assert.True(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("2001:db8::9")));
        Assert.False(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("198.51.100.9")));
        Assert.False(check.IsAllowed(ProviderNames.PhantomFlow, null));
        Assert.True(check.IsAllowed(ProviderNames.Json2Video, IPAddress.Parse("198.51.100.9")));
        Assert.True(check.IsAllowed(ProviderNames.Json2Video, null));
    }

    [Fact]
    public void IsAllowed_NoSetting_AnySource()
    {
        using var host = Build([]);
        var check = host.Services.GetRequiredService<WebhookSourceCheck>();

        foreach (var provider in ProviderNames.All)
        {
            Assert.True(check.IsAllowed(provider, IPAddress.Parse("198.51.100.9")));
        }
    }

    [Fact]
    public void Validation_InvalidRange_OneMessageNamingTheSettingItsValueAndTheReason()
    {
        using var host = Build(new()
        {
            ["RenderHooks:Json2Video:AllowedSourceRanges:0"] = "203.0.113.0/24",
            ["RenderHooks:Json2Video:AllowedSourceRanges:1"] = "203.0.113.7/24",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        var message = Assert.Single(error.Failures);
        Assert.StartsWith("RenderHooks:Json2Video:AllowedSourceRanges:1 ('203.0.113.7/24') is not an address range: ", message, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0/24", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Validation_EveryInvalidEntryOfBothProviders_Reported()
    {
        using var host = Build(new()
        {
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "phantomflow.example",
            ["RenderHooks:Json2Video:AllowedSourceRanges:3"] = "2001:db8::/129",
        });

        // Both named options fail: the startup validator throws them together.
        var error = Assert.Throws<AggregateException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        var failures = error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("RenderHooks:PhantomFlow:AllowedSourceRanges:0 ('phantomflow.example') is not", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("RenderHooks:Json2Video:AllowedSourceRanges:3 ('2001:db8::/129') is not", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_RangesWithoutIndex_RefusedRatherThanIgnored()
    {
        using var host = Build(new() { ["RenderHooks:PhantomFlow:AllowedSourceRanges"] = "203.0.113.0/24" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        var message = Assert.Single(error.Failures);
        Assert.Contains("RenderHooks:PhantomFlow:AllowedSourceRanges:0", message, StringComparison.Ordinal);
        Assert.Contains("RenderHooks__PhantomFlow__AllowedSourceRanges__0", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ValidAndBlankEntries_Pass()
    {
        using var host = Build(new()
        {
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "",
            ["RenderHooks:PhantomFlow:AllowedSourceRanges:1"] = "198.51.100.7",
            ["RenderHooks:Json2Video:AllowedSourceRanges:0"] = "::ffff:203.0.113.0/120",
        });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void IsAllowed_ConfigurationReloaded_TheNewListApplies()
    {
        using var host = Build(new() { ["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "203.0.113.0/24" });
        var check = host.Services.GetRequiredService<WebhookSourceCheck>();
        Assert.False(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("198.51.100.9")));
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        configuration["RenderHooks:PhantomFlow:AllowedSourceRanges:0"] = "198.51.100.0/24";
        configuration.Reload();

        Assert.True(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("198.51.100.9")));
        Assert.False(check.IsAllowed(ProviderNames.PhantomFlow, IPAddress.Parse("203.0.113.9")));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["RenderHooks:WebhookTokens:0"] = "source-check-token-0123456789";
        builder.AddRenderHooks();
        return builder.Build();
    }
}
