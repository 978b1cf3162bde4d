using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RenderHooks.Health;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Server;

/// <summary>
/// <c>GET /api/health</c> is open and says only whether storage answers; <c>GET /api/health/details</c> says how and
/// what waits, behind the management key. However often either is called, storage is asked once per few seconds.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HealthRouteTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Health_Open_StatusAlone()
    {
        await using var server = new ServerFactory(azurite);
        try
        {
            var client = await server.CreateHealthyClientAsync();

            var response = await client.GetAsync("/api/health");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var only = Assert.Single(body.EnumerateObject());
            Assert.Equal("status", only.Name);
            Assert.Equal("healthy", only.Value.GetString());
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-management-key-0000")]
    public async Task HealthDetails_WithoutTheKey_401(string? key)
    {
        await using var server = new ServerFactory(azurite);
        try
        {
            var client = await server.CreateHealthyClientAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health/details");
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("deliveriesWaiting", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    [Fact]
    public async Task HealthDetails_WithTheKey_QueuesTablesAndBacklog()
    {
        await using var server = new ServerFactory(azurite, new() { ["RenderHooks:QueueListener:Enabled"] = "false" });
        try
        {
            var client = await server.CreateHealthyClientAsync();
            await server.Storage.PoisonQueue.SendMessageAsync(BinaryData.FromString("poisoned"));

            var body = await GetDetailsAsync(client);

            Assert.Equal("healthy", body.GetProperty("status").GetString());
            Assert.Equal("ok", body.GetProperty("queues").GetString());
            Assert.Equal("ok", body.GetProperty("tables").GetString());
            Assert.Equal(0, body.GetProperty("deliveriesWaiting").GetInt32());
            Assert.True(body.GetProperty("poisonMessages").GetInt32() is 0 or 1); // the report may predate the message by a few seconds
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    [Fact]
    public async Task FourHundredHealthCalls_StorageAskedOnceEveryFewSeconds()
    {
        await using var queues = new TcpRelay(azurite.QueuePort);
        await using var tables = new TcpRelay(azurite.TablePort);
        queues.Open();
        tables.Open();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var connectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/{AzuriteFixture.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queues.Port}/{AzuriteFixture.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tables.Port}/{AzuriteFixture.AccountName};");
        await using var server = new ServerFactory(
            azurite,
            new() { ["RenderHooks:QueueListener:Enabled"] = "false" },
            connectionString,
            services: s => s.AddSingleton(sp => new HealthMonitor(sp.GetRequiredService<HealthProbe>(), time)));
        try
        {
            var client = await server.CreateHealthyClientAsync();
            time.Advance(HealthMonitor.HealthyFor); // what the start-up wait asked is stale now
            var before = queues.Requests + tables.Requests;

            await CallAsync(client, 400, "/api/health");
            var afterFirst = queues.Requests + tables.Requests - before;
            time.Advance(HealthMonitor.HealthyFor);
            await CallAsync(client, 400, "/api/health");
            var afterSecond = queues.Requests + tables.Requests - before;

            output.WriteLine($"400 health calls: {afterFirst} storage requests; 400 more {HealthMonitor.HealthyFor.TotalSeconds:0} s later: {afterSecond - afterFirst}");
            Assert.Equal(3, afterFirst); // one probe: two queue counts and one table query
            Assert.Equal(6, afterSecond);
        }
        finally
        {
            await server.DeleteStorageAsync();
        }
    }

    /// <summary>Sends <paramref name="count"/> GETs, 50 at a time, and checks each is 200.</summary>
    private static async Task CallAsync(HttpClient client, int count, string path)
    {
        using var gate = new SemaphoreSlim(50);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task<JsonElement> GetDetailsAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health/details");
        request.Headers.Add("x-functions-key", ServerFactory.ManagementKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
