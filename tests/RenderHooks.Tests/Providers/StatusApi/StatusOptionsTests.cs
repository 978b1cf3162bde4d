using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Tests.Providers.StatusApi;

public sealed class StatusOptionsTests
{
    [Fact]
    public void Defaults_AsDocumented()
    {
        var phantomFlow = new PhantomFlowStatusOptions();
        var json2Video = new Json2VideoStatusOptions();

        Assert.Null(phantomFlow.BaseUrl);
        Assert.Equal(new Uri("https://api.json2video.com"), json2Video.BaseUrl);
        foreach (var options in new ProviderStatusOptions[] { phantomFlow, json2Video })
        {
            Assert.Null(options.ApiKey);
            Assert.False(options.IsConfigured);
            Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
            Assert.Equal(2, options.MaxRetries);
            Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRetryAfter);
            Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
            Assert.Empty(Validate(options));
        }
    }

    [Theory]
    [InlineData("https://api.phantomflow.dev")]
    [InlineData("https://proxy.example.com/phantomflow/")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]:8080/")]
    public void BaseUrl_HttpsOrLoopbackHttp_Accepted(string url) =>
        Assert.Empty(Validate(new PhantomFlowStatusOptions { BaseUrl = new Uri(url), ApiKey = "key" }));

    [Theory]
    [InlineData("http://api.phantomflow.dev")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("https://api.phantomflow.dev/?tenant=1")]
    [InlineData("https://api.phantomflow.dev/#top")]
    [InlineData("https://user:secret@api.phantomflow.dev/")]
    [InlineData("ftp://api.phantomflow.dev/")]
    [InlineData("file:///etc/passwd")]
    public void BaseUrl_Refused_NamesTheSetting(string url)
    {
        var errors = Validate(new PhantomFlowStatusOptions { BaseUrl = new Uri(url) });
        Assert.Contains(errors, e => e.Contains("RenderHooks:PhantomFlow:BaseUrl must be", StringComparison.Ordinal));
    }

    [Fact]
    public void BaseUrl_Relative_Refused() =>
        Assert.Contains(Validate(new Json2VideoStatusOptions { BaseUrl = new Uri("/v2", UriKind.Relative) }), e => e.Contains("RenderHooks:Json2Video:BaseUrl", StringComparison.Ordinal));

    [Theory]
    [InlineData("has space-0123456789")]
    [InlineData("line\nbreak-0123456789")]
    [InlineData("ünïcode-0123456789")]
    public void ApiKey_Unsafe_RefusedWithoutEchoingIt(string key)
    {
        var errors = Validate(new Json2VideoStatusOptions { ApiKey = key });
        Assert.Contains(errors, e => e.Contains("RenderHooks:Json2Video:ApiKey must be", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Timeout", "00:00:00.010")]
    [InlineData("Timeout", "00:10:00")]
    [InlineData("MaxRetries", "-1")]
    [InlineData("MaxRetries", "11")]
    [InlineData("MaxRetryAfter", "-00:00:01")]
    [InlineData("MaxRetryAfter", "01:00:00")]
    [InlineData("RetryDelay", "00:00:00")]
    [InlineData("RetryDelay", "00:05:00")]
    public void OutOfRange_FailsAtStartWithTheSettingName(string name, string value)
    {
        using var services = Services(new() { [$"RenderHooks:PhantomFlow:{name}"] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PhantomFlowStatusOptions>>().Value);
        Assert.Contains($"RenderHooks:PhantomFlow:{name} must be", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpNonLoopbackBaseUrl_FailsAtStart()
    {
        using var services = Services(new() { ["RenderHooks:Json2Video:BaseUrl"] = "http://api.json2video.com" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Binding_ReadsEverySetting()
    {
        using var services = Services(new()
        {
            ["RenderHooks:PhantomFlow:BaseUrl"] = "https://api.phantomflow.dev",
            ["RenderHooks:PhantomFlow:ApiKey"] = "pf-key-0123456789",
            ["RenderHooks:PhantomFlow:Timeout"] = "00:00:05",
            ["RenderHooks:PhantomFlow:MaxRetries"] = "4",
            ["RenderHooks:PhantomFlow:MaxRetryAfter"] = "00:01:00",
            ["RenderHooks:PhantomFlow:RetryDelay"] = "00:00:00.500",
            ["RenderHooks:Json2Video:ApiKey"] = "j2v-key-0123456789",
        });

        var phantomFlow = services.GetRequiredService<IOptions<PhantomFlowStatusOptions>>().Value;
        var json2Video = services.GetRequiredService<IOptions<Json2VideoStatusOptions>>().Value;
        Assert.Equal(new Uri("https://api.phantomflow.dev"), phantomFlow.BaseUrl);
        Assert.Equal("pf-key-0123456789", phantomFlow.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(5), phantomFlow.Timeout);
        Assert.Equal(4, phantomFlow.MaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(1), phantomFlow.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(500), phantomFlow.RetryDelay);
        Assert.True(phantomFlow.IsConfigured);
        Assert.Equal(Json2VideoStatusOptions.DefaultBaseUrl, json2Video.BaseUrl);
        Assert.True(json2Video.IsConfigured);
    }

    [Fact]
    public async Task Registration_CalledTwice_OneClientPerProvider()
    {
        await using var host = StatusClientHost.Create(new Dictionary<string, string?>(), configure: services => services.AddProviderStatusClients());

        var clients = host.Services.GetServices<IProviderStatusClient>().ToList();
        Assert.Equal([ProviderNames.PhantomFlow, ProviderNames.Json2Video], clients.Select(c => c.Provider).Order(StringComparer.Ordinal).Reverse());
        Assert.IsType<PhantomFlowStatusClient>(clients.Single(c => c.Provider == ProviderNames.PhantomFlow));
        Assert.IsType<Json2VideoStatusClient>(clients.Single(c => c.Provider == ProviderNames.Json2Video));
    }

    [Fact]
    public void TotalTimeout_CoversEveryAttemptAndWait()
    {
        var options = new PhantomFlowStatusOptions { Timeout = TimeSpan.FromSeconds(10), MaxRetries = 2, MaxRetryAfter = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds((3 * 10) + (2 * 30) + 1), StatusApiPipeline.TotalTimeout(options));
    }

    private static List<string> Validate<T>(T options)
        where T : class
    {
        var result = new DataAnnotationValidateOptions<T>(Options.DefaultName).Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddProviderStatusClients()
            .BuildServiceProvider();
    }
}
