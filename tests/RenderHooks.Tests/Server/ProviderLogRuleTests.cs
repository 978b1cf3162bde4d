using System.Net;
using System.Text;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The security review's finding end to end: a logging rule for one provider (here the tests' own, as an operator
/// writes <c>Logging__Console__LogLevel__Default</c>) does not bring the webhook path, and so the token, back into the
/// server's logs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProviderLogRuleTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("Default")]
    [InlineData("Microsoft.AspNetCore")]
    public async Task ProviderSpecificRuleAtTrace_Webhooks_NoTokenInAnyLine(string category)
    {
        var provider = typeof(CapturedLogs).FullName!;
        await using var server = new ServerFactory(azurite, new() { [$"Logging:{provider}:LogLevel:{category}"] = "Trace" });
        try
        {
            var client = await server.CreateHealthyClientAsync();
            using (var body = new StringContent(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), Encoding.UTF8, "application/json"))
            {
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", body)).StatusCode);
            }

            using (var refused = new StringContent("x", Encoding.UTF8, "text/plain"))
            {
                Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.SecondToken}", refused)).StatusCode);
            }

            var logs = server.Logs.AllText;
            Assert.Contains("Trace Microsoft.AspNetCore", logs, StringComparison.Ordinal); // the rule is in force
            Assert.DoesNotContain(ServerFactory.Token, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(ServerFactory.SecondToken, logs, StringComparison.Ordinal);
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }
}
