using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderHooks.Tests.Deployment;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// The <c>func start</c> path (docs/functions.md): local.settings.sample.json carries the quickstart's development token,
/// every curl line of the README and of docs/functions.md uses it, and the sample's values start the Functions app, which
/// accepts the PhantomFlow webhook docs/functions.md sends.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class LocalSettingsTests(AzuriteFixture azurite)
{
    private const string TokenSetting = "RenderHooks__WebhookTokens__0";
    private const string FunctionsPage = "docs/functions.md";

    [Fact]
    public void SampleToken_IsTheServersDevelopmentToken_AndEveryDocumentedWebhookUsesIt()
    {
        var sample = InfraFiles.SampleSettings()[TokenSetting];
        using var development = JsonDocument.Parse(InfraFiles.Read("src/RenderHooks.Server/appsettings.Development.json"));
        var tokensByPage = new[] { "README.md", FunctionsPage }
            .ToDictionary(page => page, page => LocalWebhook().Matches(InfraFiles.Read(page)).Select(m => m.Groups["token"].Value).ToList());

        Assert.Equal(development.RootElement.GetProperty("RenderHooks").GetProperty("WebhookTokens")[0].GetString(), sample);
        Assert.All(tokensByPage, page => Assert.True(page.Value.Count > 0, $"{page.Key} has no webhook for localhost:7071."));
        Assert.Equal([sample], tokensByPage.Values.SelectMany(tokens => tokens).Distinct());
    }

    [Fact]
    public async Task SampleSettings_StartTheFunctionsApp_AndTheDocumentedWebhookIsAccepted()
    {
        var names = PipelineNames.Unique(azurite);
        var settings = InfraFiles.SampleSettings()
            .Where(s => s.Key != "AzureWebJobsStorage")
            .Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value))
            .Concat(names.AsSettings());
        var curl = PhantomFlowCurl().Match(InfraFiles.Read(FunctionsPage));
        Assert.True(curl.Success, $"{FunctionsPage} has no PhantomFlow curl line for localhost:7071.");

        // func start runs the app in the Development environment, the one the sample's placeholder token is for.
        await using var app = await FunctionsAppHost.StartAsync(azurite.ConnectionString, names.DeliveriesQueue, settings, Environments.Development);
        try
        {
            Assert.Equal("Development", app.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
            await app.WaitUntilReadyAsync();
            using var client = app.CreateClient();
            using var body = new StringContent(curl.Groups["body"].Value, Encoding.UTF8, "application/json");
            var response = await client.PostAsync($"/api/hooks/phantomflow/{curl.Groups["token"].Value}", body);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, await app.ProcessDeliveriesAsync());
            Assert.Single(await app.Storage.EventsQueue.PeekAsync());
        }
        finally
        {
            await app.DeleteStorageAsync();
        }
    }

    [GeneratedRegex(@"localhost:7071/api/hooks/[a-z0-9]+/(?<token>[^\s'""/]+)")]
    private static partial Regex LocalWebhook();

    [GeneratedRegex(@"curl -i -X POST http://localhost:7071/api/hooks/phantomflow/(?<token>\S+) \\\r?\n\s*-H 'Content-Type: application/json' \\\r?\n\s*-d '(?<body>[^']+)'")]
    private static partial Regex PhantomFlowCurl();
}
