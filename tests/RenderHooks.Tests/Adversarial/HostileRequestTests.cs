using System.Text;
using System.Text.Json;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// The hostile-input corpus, end to end over real sockets: every request gets the contract's status (or, for one the
/// server cannot parse, Kestrel's), no answer or log line holds a secret, a refused request stores nothing, an accepted
/// one is archived with what processing made of it, and the host keeps serving after each.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileRequestTests(AzuriteFixture azurite, SocketServers servers) : IClassFixture<SocketServers>
{
    /// <summary>Far beyond any answer's time; a request that gets nothing by then has hung its connection.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Corpus_HasAtLeastFiftyRequests_EachNamedOnce()
    {
        var names = RefusedRequests.All.Concat(AcceptedHostileBodies.All).Select(c => c.Name).ToList();

        Assert.True(names.Count >= 50, $"{names.Count} requests");
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(RefusedRequests.Names), MemberType = typeof(RefusedRequests))]
    public async Task Refused_ContractStatus_NothingStored_HostStillServes(string name)
    {
        var hostile = RefusedRequests.Named(name);
        var server = await servers.IntakeOnlyAsync(azurite);
        var mark = server.LogMark;

        var answer = await RawHttp.SendAsync(server.Address, hostile.Request, AnswerTimeout);

        Assert.False(answer.TimedOut, $"no answer within {AnswerTimeout}: {answer.Raw}");
        Assert.Equal(hostile.Status, answer.Status);
        if (answer.Body.Length > 0)
        {
            // Whatever the application answers is a problem with a title, like every refusal of the contract.
            Assert.StartsWith("application/problem+json", answer.Headers["Content-Type"], StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer.Body).RootElement.GetProperty("title").GetString()));
        }

        if (answer.Status == 404 && answer.Body.Length > 0)
        {
            // Intake's 404: one answer for an unknown provider and for every wrong token.
            await AssertSameAsUnknownProviderAsync(server, answer.Body);
        }

        server.AssertNoSecrets(answer.Raw);
        server.AssertNoErrorsLoggedSince(mark);
        await server.AssertStillServesAsync();
        await server.AssertOnlyValidWebhooksStoredAsync();
    }

    [Theory]
    [MemberData(nameof(AcceptedHostileBodies.Names), MemberType = typeof(AcceptedHostileBodies))]
    public async Task Accepted_ArchivedWithItsOutcome_ConsumerKeepsGoing(string name)
    {
        var hostile = AcceptedHostileBodies.Named(name);
        var server = await servers.PipelineAsync(azurite);
        var mark = server.LogMark;

        var answer = await RawHttp.SendAsync(server.Address, hostile.Request, AnswerTimeout);

        Assert.False(answer.TimedOut, $"no answer within {AnswerTimeout}: {answer.Raw}");
        Assert.Equal(hostile.Status, answer.Status);
        var deliveryId = JsonDocument.Parse(answer.Body).RootElement.GetProperty("deliveryId").GetString()!;
        var archived = await server.WaitForArchiveAsync(deliveryId);
        Assert.True(hostile.Outcome == archived.GetString("Outcome"), $"archived as {archived.GetString("Outcome")} ({archived.GetString("Reason")})");
        Assert.NotEmpty(archived.GetBinary("Body")!);
        if (hostile.Outcome == "Unparseable")
        {
            Assert.False(string.IsNullOrWhiteSpace(archived.GetString("Reason")));
        }

        server.AssertNoSecrets(answer.Raw);
        server.AssertNoErrorsLoggedSince(mark);
        var next = await server.AssertStillServesAsync();
        Assert.Equal("Recorded", (await server.WaitForArchiveAsync(next)).GetString("Outcome"));
        Assert.Equal(0, await server.Storage.PoisonQueue.CountAsync());
    }

    private static async Task AssertSameAsUnknownProviderAsync(SocketServer server, string body)
    {
        var reference = await RawHttp.SendAsync(
            server.Address, RawRequest.Post(RawRequest.Hook("runway"), "application/json", "{}"), AnswerTimeout);
        var expected = JsonDocument.Parse(reference.Body).RootElement;
        var actual = JsonDocument.Parse(Encoding.UTF8.GetBytes(body)).RootElement;
        Assert.Equal(404, reference.Status);
        Assert.Equal(expected.GetProperty("title").GetString(), actual.GetProperty("title").GetString());
        Assert.Equal(expected.GetProperty("detail").GetString(), actual.GetProperty("detail").GetString());
    }
}
