using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RenderHooks.Deliveries;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Callers that hold connections open or drop them half-way — slowloris headers, trickling bodies, resets mid-body —
/// and one that tries to smuggle a second request behind a chunked body: each is cut off or ignored by the server,
/// none stores anything, none is logged as an error, and everyone else is served meanwhile.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectionAbuseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BodyTricklingBelowTheMinimumDataRate_CutOffWith408Problem_NothingStored()
    {
        // Kestrel's default: after a 5 s grace, a body must arrive at 240 bytes/s or more. This one sends 2 bytes/s.
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: false);
        var mark = server.LogMark;
        var body = Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()));
        using var connection = await RawHttp.ConnectAsync(server.Address);
        var stream = connection.GetStream();
        using var cancel = new CancellationTokenSource(Deadline);
        var answer = RawHttp.ReadAsync(stream, cancel.Token);

        await stream.WriteAsync(RawRequest.Head("POST", RawRequest.Hook(), "application/json", $"Content-Length: {body.Length}\r\n"));
        await TrickleAsync(stream, body, TimeSpan.FromMilliseconds(500), answer);

        var response = await answer;
        Assert.Equal(408, response.Status);
        Assert.Equal("Request Timeout", JsonDocument.Parse(response.Body).RootElement.GetProperty("title").GetString());
        await AssertCutOffCleanlyAsync(server, mark);
    }

    [Fact]
    public async Task HeadersTricklingPastTheHeadersTimeout_CutOffWith408_NothingStored()
    {
        // Kestrel's RequestHeadersTimeout is 30 s by default; shortened here so the test does not wait it out.
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: false, limits => limits.RequestHeadersTimeout = TimeSpan.FromSeconds(2));
        var mark = server.LogMark;
        using var connection = await RawHttp.ConnectAsync(server.Address);
        var stream = connection.GetStream();
        using var cancel = new CancellationTokenSource(Deadline);
        var answer = RawHttp.ReadAsync(stream, cancel.Token);

        var head = RawRequest.Head("POST", RawRequest.Hook(), "application/json", "Content-Length: 2\r\n");
        await TrickleAsync(stream, head, TimeSpan.FromMilliseconds(300), answer);

        Assert.Equal(408, (await answer).Status);
        await AssertCutOffCleanlyAsync(server, mark);
    }

    [Fact]
    public async Task FiftySlowlorisConnectionsHeldOpen_OtherCallersStillServed()
    {
        // Headers timeout (30 s by default) and the reads' deadline far beyond anything serving the others could take on
        // a slow machine: a slowloris connection answered before the test ends was cut off early, not timed out.
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: false, limits => limits.RequestHeadersTimeout = TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var slow = new List<(TcpClient Connection, Task<RawResponse> Answer)>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                // Headers begun and never finished: the server cannot answer these until its headers timeout.
                var connection = await RawHttp.ConnectAsync(server.Address);
                var stream = connection.GetStream();
                await stream.WriteAsync(RawRequest.Latin1($"POST {RawRequest.Hook()} HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
                slow.Add((connection, RawHttp.ReadAsync(stream, cancel.Token)));
            }

            var served = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => server.PostValidWebhookAsync()));
            var health = await server.Client.GetAsync("/api/health");

            Assert.Equal(20, served.Distinct().Count());
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.All(slow, s => Assert.False(s.Answer.IsCompleted, "a slowloris connection was answered before the others were served"));
        }
        finally
        {
            foreach (var (connection, _) in slow)
            {
                connection.Dispose();
            }
        }

        await server.AssertOnlyValidWebhooksStoredAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task CallerResetsTheConnectionMidBody_NothingStored_NoErrorLogged(int bytesSent)
    {
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: false);
        var body = Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()) + new string(' ', 200));
        for (var round = 0; round < 10; round++)
        {
            var mark = server.LogMark;
            using (var connection = await RawHttp.ConnectAsync(server.Address))
            {
                await connection.GetStream().WriteAsync(RawRequest.Join(
                    RawRequest.Head("POST", RawRequest.Hook(), "application/json", $"Content-Length: {body.Length}\r\n"), body[..bytesSent]));
                await Task.Delay(100);
                connection.Client.LingerState = new LingerOption(true, 0); // close with a reset, not a FIN
                connection.Client.Close();
            }

            await AssertCutOffCleanlyAsync(server, mark);
        }
    }

    [Fact]
    public async Task CallerClosesItsSideMidBody_NoAnswerNothingStored()
    {
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: false);
        var mark = server.LogMark;
        var body = Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(TestPayloads.NewPhantomFlowJobId()));
        using var connection = await RawHttp.ConnectAsync(server.Address);
        var stream = connection.GetStream();

        await stream.WriteAsync(RawRequest.Join(RawRequest.Head("POST", RawRequest.Hook(), "application/json", $"Content-Length: {body.Length}\r\n"), body[..10]));
        connection.Client.Shutdown(SocketShutdown.Send);
        using var cancel = new CancellationTokenSource(Deadline);
        var answer = await RawHttp.ReadAsync(stream, cancel.Token);

        Assert.False(answer.TimedOut);
        Assert.True(answer.Status is 0 or 400, $"answered {answer.Status}"); // no answer (the server resets), or 400 "unexpected end of request content"
        await AssertCutOffCleanlyAsync(server, mark);
    }

    [Fact]
    public async Task RequestSmuggledBehindAChunkedBodyWithContentLength_NeverProcessed()
    {
        // Content-Length says 4 bytes, Transfer-Encoding says chunked: a front end that trusted the length would see the
        // rest as a second request. The server reads the chunked body, answers once and closes the connection.
        await using var server = await SocketServer.StartAsync(azurite, queueConsumer: false);
        var smuggledJob = TestPayloads.NewPhantomFlowJobId();
        var firstJob = TestPayloads.NewPhantomFlowJobId();
        var first = Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(firstJob));
        var smuggled = Encoding.UTF8.GetBytes(TestPayloads.PhantomFlowCompleted(smuggledJob));
        var request = RawRequest.Join(
            RawRequest.Latin1($"POST {RawRequest.Hook()} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n{first.Length:x}\r\n"),
            first,
            RawRequest.Latin1("\r\n0\r\n\r\n"),
            RawRequest.Latin1($"POST {RawRequest.Hook()} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {smuggled.Length}\r\n\r\n"),
            smuggled);

        var answer = await RawHttp.SendAsync(server.Address, request, Deadline);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1, CountOccurrences(answer.Raw, "HTTP/1.1 "));
        Assert.Equal("close", answer.Headers["Connection"]);
        var queued = Assert.Single(await server.Storage.DeliveriesQueue.PeekAsync());
        Assert.True(DeliveryEnvelopeSerializer.TryDeserialize(queued.Body, out var delivery, out _));
        Assert.Contains(firstJob, Encoding.UTF8.GetString(delivery.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(smuggledJob, Encoding.UTF8.GetString(delivery.Body), StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="bytes"/> one at a time until the server answers or closes.</summary>
    private static async Task TrickleAsync(NetworkStream stream, byte[] bytes, TimeSpan pause, Task answered)
    {
        try
        {
            foreach (var b in bytes)
            {
                if (answered.IsCompleted)
                {
                    return;
                }

                await stream.WriteAsync(new[] { b });
                await Task.Delay(pause);
            }
        }
        catch (IOException)
        {
            // The server closed the connection.
        }
    }

    /// <summary>
    /// Once the server has closed the connection (Kestrel logs it stopped), nothing it logged is an error, it stored
    /// nothing, and it still serves.
    /// </summary>
    private static async Task AssertCutOffCleanlyAsync(SocketServer server, int mark)
    {
        await Eventually.GetAsync(
            () => Task.FromResult(server.Factory.Logs.Lines.Skip(mark).Any(l => l.Contains("Kestrel.Connections:", StringComparison.Ordinal) && l.Contains("\" stopped.", StringComparison.Ordinal))),
            stopped => stopped,
            "the server to close the connection",
            Deadline);
        server.AssertNoErrorsLoggedSince(mark);
        server.AssertNoSecrets(string.Empty);
        await server.AssertOnlyValidWebhooksStoredAsync();
        await server.AssertStillServesAsync();
        await server.AssertOnlyValidWebhooksStoredAsync();
    }

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
