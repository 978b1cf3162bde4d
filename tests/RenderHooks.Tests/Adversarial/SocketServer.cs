using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Server.Queues;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// The RenderHooks server on a real socket (Kestrel on 127.0.0.1, a free port), so requests go through Kestrel's own
/// parser and limits, as in production. Logging is turned up to Trace unless a test says otherwise, so a secret written
/// at any level is caught.
/// Without its queue consumer, everything intake stores stays in the deliveries queue, where it can be counted.
/// </summary>
public sealed class SocketServer : IAsyncDisposable
{
    /// <summary>Parts of the configured tokens no log line or answer may contain (every wrong-token variant shares them).</summary>
    public static readonly string[] SecretParts = ["test-token-0123", "token-abcdefghij", ServerFactory.ManagementKey];

    private int _validWebhooks;
    private int _refusedWebhooks;

    private SocketServer(ServerFactory factory, HttpClient client)
    {
        Factory = factory;
        Client = client;
    }

    public ServerFactory Factory { get; }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    public RenderHooksStorage Storage => Factory.Storage;

    /// <summary>Valid webhooks this test sent and the server accepted.</summary>
    public int ValidWebhooks => Volatile.Read(ref _validWebhooks);

    /// <param name="azurite">The storage.</param>
    /// <param name="queueConsumer">Whether the server consumes the deliveries queue.</param>
    /// <param name="limits">Changes to Kestrel's limits, for a test that would otherwise wait out a default.</param>
    /// <param name="traceLogging">Every category at Trace (the default), or the server's own levels for a test under load.</param>
    public static async Task<SocketServer> StartAsync(
        AzuriteFixture azurite, bool queueConsumer, Action<KestrelServerLimits>? limits = null, bool traceLogging = true)
    {
        var overrides = traceLogging
            ? new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" }
            : [];
        var factory = new ServerFactory(azurite, overrides, services: queueConsumer ? null : WithoutQueueConsumer);
        factory.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            limits?.Invoke(options.Limits);
        });
        var client = await factory.CreateHealthyClientAsync();
        Assert.Equal(IPAddress.Loopback.ToString(), client.BaseAddress!.Host);
        return new SocketServer(factory, client);
    }

    /// <summary>
    /// Posts a valid PhantomFlow webhook over HTTP (again after a 503, as a provider would) and asserts it is accepted;
    /// returns its delivery id.
    /// </summary>
    public async Task<string> PostValidWebhookAsync(string? jobId = null)
    {
        var body = TestPayloads.PhantomFlowCompleted(jobId ?? TestPayloads.NewPhantomFlowJobId());
        var response = await ProviderRetry.PostAsync(
            Client, RawRequest.Hook(), () => new StringContent(body, Encoding.UTF8, "application/json"), () => Interlocked.Increment(ref _refusedWebhooks));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Interlocked.Increment(ref _validWebhooks);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetString()!;
    }

    /// <summary>The host still answers: health is 200 and a valid webhook gets 200.</summary>
    public async Task<string> AssertStillServesAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/health")).StatusCode);
        return await PostValidWebhookAsync();
    }

    /// <summary>
    /// Nothing but this test's valid webhooks was stored: the deliveries queue holds exactly those (and, at least once,
    /// one more for each 503 one of them got whose write had landed), nothing else has a row or a message.
    /// </summary>
    public async Task AssertOnlyValidWebhooksStoredAsync()
    {
        Assert.InRange(await Storage.DeliveriesQueue.CountAsync(), ValidWebhooks, ValidWebhooks + Volatile.Read(ref _refusedWebhooks));
        Assert.Equal(0, await Storage.EventsQueue.CountAsync());
        Assert.Equal(0, await Storage.PoisonQueue.CountAsync());
        Assert.Empty(await Storage.JobsTable.RowsAsync(select: ["RowKey"]));
        Assert.Empty(await Storage.DeliveriesTable.RowsAsync(select: ["RowKey"]));
    }

    /// <summary>No secret in <paramref name="answer"/> nor in any log line so far.</summary>
    public void AssertNoSecrets(string answer)
    {
        var logs = Factory.Logs.AllText;
        foreach (var secret in SecretParts)
        {
            Assert.DoesNotContain(secret, answer, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>How many lines have been logged so far, to look at what a test logs after it.</summary>
    public int LogMark => Factory.Logs.Lines.Count;

    /// <summary>Nothing logged after <paramref name="mark"/> is an error: a client's request, however bad, is a refusal, not a failure of the host.</summary>
    public void AssertNoErrorsLoggedSince(int mark)
    {
        var errors = Factory.Logs.Lines.Skip(mark)
            .Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    /// <summary>The archive row of a delivery, once the queue consumer has written it.</summary>
    public Task<TableEntity> WaitForArchiveAsync(string deliveryId) =>
        Eventually.GetAsync(
            async () => (await Storage.DeliveriesTable.RowsAsync(TableClient.CreateQueryFilter($"RowKey eq {deliveryId}"))).FirstOrDefault(),
            row => row is not null,
            $"delivery {deliveryId} to be archived",
            TimeSpan.FromSeconds(60))!;

    public async ValueTask DisposeAsync()
    {
        var storage = Factory.Storage;
        Client.Dispose();
        await Factory.DisposeAsync();
        await storage.DeleteAllAsync();
    }

    private static void WithoutQueueConsumer(IServiceCollection services) =>
        services.Remove(services.Single(s => s.ImplementationType == typeof(DeliveryQueueListener)));
}
