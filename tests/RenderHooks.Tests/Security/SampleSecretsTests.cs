using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Server;
using RenderHooks.Server.Management;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Security;

/// <summary>
/// The sample secrets of the repository's settings are public: a webhook token or management key holding REPLACE-ME
/// starts only in the Development environment, and anywhere else the start fails saying how to make a real one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SampleSecretsTests(AzuriteFixture azurite)
{
    private const string SampleToken = "dev-token-REPLACE-ME-0123456789";
    private const string SampleKey = "dev-management-key-REPLACE-ME";
    private const string FunctionsSampleToken = "REPLACE-ME-local-webhook-token-0123456789";

    [Theory]
    [InlineData("Production", SampleToken)]
    [InlineData("Staging", FunctionsSampleToken)]
    [InlineData("Testing", "token-with-replace-me-in-lower-case")]
    public void WebhookToken_SampleOutsideDevelopment_StartRefusedWithHowToGenerateOne(string environment, string token)
    {
        using var host = Library(environment, token);

        var refusal = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<WebhookTokenOptions>>().Value);
        Assert.Contains("RenderHooks:WebhookTokens:1 is the sample value (it contains REPLACE-ME)", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"not in '{environment}'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 24", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("RenderHooks__WebhookTokens__1", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SampleToken)]
    [InlineData(FunctionsSampleToken)]
    public void WebhookToken_SampleInDevelopment_Accepted(string token)
    {
        using var host = Library("Development", token);

        Assert.Contains(token, host.Services.GetRequiredService<IOptions<WebhookTokenOptions>>().Value.WebhookTokens);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Testing", false)]
    [InlineData("Development", true)]
    public void ManagementKey_Sample_AcceptedOnlyInDevelopment(string environment, bool accepted)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RenderHooks:WebhookTokens:0"] = ServerFactory.Token,
            ["RenderHooks:ManagementKey"] = SampleKey,
        });
        builder.AddRenderHooks();
        builder.AddRenderHooksServer();
        using var app = builder.Build();

        var read = () => app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        if (accepted)
        {
            Assert.Equal(SampleKey, read().ManagementKey);
        }
        else
        {
            var refusal = Assert.Throws<OptionsValidationException>(read);
            Assert.Contains("RenderHooks:ManagementKey is the sample value", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("openssl rand -hex 24", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Server_SampleTokenInTheTestingEnvironment_DoesNotStart()
    {
        await using var server = new ServerFactory(azurite, new() { ["RenderHooks:WebhookTokens:0"] = SampleToken });

        var refusal = Assert.Throws<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("RenderHooks:WebhookTokens:0 is the sample value", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>The library as a host composes it, in <paramref name="environment"/>, with a real token and <paramref name="token"/>.</summary>
    private static IHost Library(string environment, string token)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RenderHooks:WebhookTokens:0"] = ServerFactory.Token,
            ["RenderHooks:WebhookTokens:1"] = token,
        });
        builder.AddRenderHooks();
        return builder.Build();
    }
}
