using System.Net;
using System.Net.Sockets;
using System.Text;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// Queue unreachable, in both hosts (<see cref="OnServer.StorageDownOnServer"/>, <see cref="OnFunctions.StorageDownOnFunctions"/>):
/// the caller gets 503 with Retry-After, so a provider that retries does, and nothing is acknowledged.
/// </summary>
public abstract class StorageDownContract(IContractHosts hosts)
{
    [Fact]
    public async Task Webhook_QueueUnreachable_ServiceUnavailableWithRetryAfter()
    {
        var port = ClosedPort();
        var connectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1";
        await using var host = await hosts.StartAsync(connectionString: connectionString);
        var client = host.Client;
        using var content = new StringContent(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()), Encoding.UTF8, "application/json");

        var response = await client.PostAsync($"/api/hooks/phantomflow/{ServerFactory.Token}", content);
        var health = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
