using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

/// <summary>
/// Every queue client of the pipeline writes base64 (what the Functions queue trigger reads by default), and a message
/// that is not base64 neither fails nor hides the good messages of its batch: on the deliveries queue it is moved to
/// the poison queue with the reason, elsewhere left where it is, with a warning.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueEncodingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly byte[] Binary = [0, 1, 2, 0xFF, 0xFE, (byte)'<', (byte)'&'];

    private readonly CapturedLogs _logs = new();
    private ILoggerFactory _loggerFactory = null!;
    private RenderHooksStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _storage = azurite.CreateStorage(logs: _loggerFactory);
        await _storage.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _storage.DeleteAllAsync();
        _loggerFactory.Dispose();
    }

    public static TheoryData<string> Queues() => new() { "intake", "deliveries", "poison", "events" };

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task Send_AnyQueueClient_StoresBase64TextAndReadsBackTheSameBytes(string which)
    {
        var queue = Client(which);

        SendReceipt receipt = await queue.SendMessageAsync(new BinaryData(Binary), timeToLive: RenderHooksStorage.NeverExpires);
        var onTheWire = Assert.Single((await RawClient(queue.Name).PeekMessagesAsync(32)).Value);
        QueueMessage received = Assert.Single((await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value);

        Assert.Equal(Convert.ToBase64String(Binary), onTheWire.Body.ToString());
        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal(Binary, received.Body.ToArray());
        Assert.Equal(9999, receipt.ExpirationTime.Year);
    }

    [Fact]
    public async Task Receive_DeliveriesBatchWithTextThatIsNotBase64_ReturnsTheGoodOnesAndPoisonsTheBadOneWithTheReason()
    {
        await RawClient(_storage.DeliveriesQueue.Name).SendMessageAsync("not base64!");
        await _storage.DeliveriesQueue.SendMessageAsync(BinaryData.FromString("good 1"));
        await _storage.DeliveriesQueue.SendMessageAsync(BinaryData.FromString("good 2"));

        QueueMessage[] batch = await _storage.DeliveriesQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));

        Assert.Equal(["good 1", "good 2"], batch.Select(m => m.Body.ToString()).Order());
        var poisoned = Assert.Single(await _storage.PoisonQueue.PeekAsync());
        Assert.Equal("not base64!", poisoned.Body.ToString());
        Assert.Equal(9999, poisoned.ExpiresOn?.Year);
        Assert.Equal(2, await _storage.DeliveriesQueue.CountAsync()); // the good ones, still hidden; the bad one is gone
        var line = Assert.Single(_logs.Lines, l => l.Contains("is not base64", StringComparison.Ordinal));
        Assert.StartsWith("Error", line, StringComparison.Ordinal);
        Assert.Contains(_storage.DeliveriesQueue.Name, line, StringComparison.Ordinal);
        Assert.Contains(_storage.PoisonQueue.Name, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_PoisonQueueMissing_StillReturnsTheGoodOnesAndLeavesTheBadOneToReappear()
    {
        await RawClient(_storage.DeliveriesQueue.Name).SendMessageAsync("not base64!");
        await _storage.DeliveriesQueue.SendMessageAsync(BinaryData.FromString("good"));
        await _storage.PoisonQueue.DeleteAsync();

        QueueMessage[] batch = await _storage.DeliveriesQueue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1));

        var good = Assert.Single(batch);
        Assert.Equal("good", good.Body.ToString());
        var warning = Assert.Single(_logs.Lines, l => l.Contains("could not be moved", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("QueueNotFound", warning, StringComparison.Ordinal);

        // Once the poison queue is back, the next receive that sees the message moves it. The good one is done with
        // (deleted), so a receive that returns nothing means the bad one was moved, however long each receive takes.
        await _storage.DeliveriesQueue.DeleteMessageAsync(good.MessageId, good.PopReceipt);
        await _storage.PoisonQueue.CreateIfNotExistsAsync();
        await Eventually.GetAsync(
            async () => (await _storage.DeliveriesQueue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value.Length == 0 && await _storage.PoisonQueue.CountAsync() == 1,
            moved => moved,
            "the bad message to be moved to the poison queue");
        Assert.Equal("not base64!", Assert.Single(await _storage.PoisonQueue.PeekAsync()).Body.ToString());
    }

    [Fact]
    public async Task ReceiveAndPeek_EventsQueueWithTextThatIsNotBase64_ReturnsTheGoodOneAndLeavesTheBadOneWithAWarning()
    {
        await RawClient(_storage.EventsQueue.Name).SendMessageAsync("{\"not\":\"base64\"}");
        await _storage.EventsQueue.SendMessageAsync(BinaryData.FromString("{\"eventId\":\"e-1\"}"));

        var peeked = await _storage.EventsQueue.PeekAsync();
        QueueMessage[] received = await _storage.EventsQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));

        Assert.Equal("{\"eventId\":\"e-1\"}", Assert.Single(peeked).Body.ToString());
        Assert.Equal("{\"eventId\":\"e-1\"}", Assert.Single(received).Body.ToString());
        Assert.Equal(2, await _storage.EventsQueue.CountAsync());
        Assert.Equal(0, await _storage.PoisonQueue.CountAsync());
        Assert.Equal(2, _logs.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("left in the queue", StringComparison.Ordinal)));
    }

    private QueueClient Client(string which) => which switch
    {
        "intake" => _storage.IntakeQueue,
        "deliveries" => _storage.DeliveriesQueue,
        "poison" => _storage.PoisonQueue,
        "events" => _storage.EventsQueue,
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    /// <summary>A client that sends and reads the message text as it is, as another writer or a consumer without base64 would.</summary>
    private QueueClient RawClient(string queueName) =>
        azurite.Account.CreateQueueServiceClient(new QueueClientOptions(StorageClientDefaults.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.None })
            .GetQueueClient(queueName);
}
