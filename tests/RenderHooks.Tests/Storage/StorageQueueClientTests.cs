using System.Text;
using Azure;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueClientTests
{
    private readonly AzuriteFixture _azurite;

    public StorageQueueClientTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private async Task<StorageQueueClient> CreateQueueAsync(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var client = new StorageQueueClient(
            _azurite.Account,
            _azurite.UniqueName("q"),
            new StorageQueueClientOptions { MessageEncoding = encoding });
        await client.CreateIfNotExistsAsync();
        return client;
    }

    [Fact]
    public async Task CreateIfNotExists_CalledTwice_Succeeds()
    {
        var client = new StorageQueueClient(_azurite.Account, _azurite.UniqueName("create"));

        await client.CreateIfNotExistsAsync();
        await client.CreateIfNotExistsAsync();

        Assert.Equal(0, await client.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SendThenReceive_Base64_ReturnsSameBytes()
    {
        var client = await CreateQueueAsync();
        var body = new byte[] { 0, 1, 2, 0xFF, 0xFE, (byte)'<', (byte)'&' };

        var receipt = await client.SendMessageAsync(new BinaryData(body));
        var messages = await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));

        var message = Assert.Single(messages);
        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal(body, message.Body.ToArray());
        Assert.Equal(1, message.DequeueCount);
        Assert.False(message.BodyDecodingFailed);
        Assert.NotNull(receipt.InsertedOn);
        Assert.NotNull(receipt.ExpiresOn);
        Assert.False(string.IsNullOrEmpty(receipt.PopReceipt));
    }

    [Fact]
    public async Task SendMessage_Base64_StoresBase64TextOnTheWire()
    {
        var client = await CreateQueueAsync();
        var rawReader = new StorageQueueClient(_azurite.Account, client.Name, new StorageQueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

        await client.SendMessageAsync(BinaryData.FromString("{\"a\":1}"));
        var peeked = await rawReader.PeekMessagesAsync(1);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"a\":1}")), Assert.Single(peeked).Body.ToString());
    }

    [Fact]
    public async Task SendThenReceive_NoneEncoding_KeepsXmlSpecialCharactersAndUnicode()
    {
        var client = await CreateQueueAsync(QueueMessageEncoding.None);
        const string text = "<xml attr=\"1\"> & 'quotes' — é 😀 </xml>";

        await client.SendMessageAsync(BinaryData.FromString(text));
        var message = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(text, message.Body.ToString());
        Assert.False(message.BodyDecodingFailed);
    }

    [Fact]
    public async Task SendThenReceive_NoneEncodingWithLineEndings_KeptExactly()
    {
        var client = await CreateQueueAsync(QueueMessageEncoding.None);
        const string text = "a\r\nb\rc\nd";

        await client.SendMessageAsync(BinaryData.FromString(text));
        var message = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(text, message.Body.ToString());
    }

    [Fact]
    public async Task SendMessage_NoneEncodingWithNonUtf8Bytes_ThrowsArgumentException()
    {
        var client = await CreateQueueAsync(QueueMessageEncoding.None);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendMessageAsync(new BinaryData(new byte[] { 0xC3, 0x28 })));
    }

    [Fact]
    public async Task Receive_TextThatIsNotBase64_ReturnsRawTextFlaggedWithoutFailingBatch()
    {
        var client = await CreateQueueAsync();
        var rawWriter = new StorageQueueClient(_azurite.Account, client.Name, new StorageQueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await rawWriter.SendMessageAsync(BinaryData.FromString("not base64!"));
        await client.SendMessageAsync(BinaryData.FromString("good"));

        var messages = await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(2, messages.Count);
        var bad = Assert.Single(messages, m => m.BodyDecodingFailed);
        Assert.Equal("not base64!", bad.Body.ToString());
        var good = Assert.Single(messages, m => !m.BodyDecodingFailed);
        Assert.Equal("good", good.Body.ToString());
    }

    [Fact]
    public async Task Receive_AfterVisibilityExpires_IncrementsDequeueCount()
    {
        var client = await CreateQueueAsync();
        await client.SendMessageAsync(BinaryData.FromString("again"));

        var first = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        Assert.Empty(await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        await Task.Delay(TimeSpan.FromMilliseconds(2100), CancellationToken.None);
        var second = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task UpdateVisibility_ToZero_MakesMessageVisibleWithNewPopReceipt()
    {
        var client = await CreateQueueAsync();
        await client.SendMessageAsync(BinaryData.FromString("update"));
        var received = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5)));
        Assert.Empty(await client.PeekMessagesAsync(1));

        var newReceipt = await client.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);

        Assert.False(string.IsNullOrEmpty(newReceipt));
        Assert.NotEqual(received.PopReceipt, newReceipt);
        var peeked = Assert.Single(await client.PeekMessagesAsync(1));
        Assert.Equal(received.MessageId, peeked.MessageId);
    }

    [Fact]
    public async Task DeleteMessage_WithOldPopReceiptAfterUpdate_FailsAndWithNewOneSucceeds()
    {
        var client = await CreateQueueAsync();
        await client.SendMessageAsync(BinaryData.FromString("delete"));
        var received = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5)));
        var newReceipt = await client.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(5));

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => client.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        await client.DeleteMessageAsync(received.MessageId, newReceipt);

        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        Assert.Equal(0, await client.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Peek_VisibleMessages_DoesNotDequeue()
    {
        var client = await CreateQueueAsync();
        await client.SendMessageAsync(BinaryData.FromString("one"));
        await client.SendMessageAsync(BinaryData.FromString("two"));

        var peeked = await client.PeekMessagesAsync(32);
        var received = await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(["one", "two"], peeked.Select(m => m.Body.ToString()).Order());
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task SendMessage_WithVisibilityDelay_IsNotVisibleYet()
    {
        var client = await CreateQueueAsync();

        var receipt = await client.SendMessageAsync(BinaryData.FromString("later"), visibilityDelay: TimeSpan.FromMinutes(1));

        Assert.Empty(await client.PeekMessagesAsync(1));
        Assert.Equal(1, await client.GetApproximateMessageCountAsync());
        Assert.True(receipt.NextVisibleOn > receipt.InsertedOn);
    }

    [Fact]
    public async Task SendMessage_InfiniteTimeToLive_NeverExpires()
    {
        var client = await CreateQueueAsync();

        var receipt = await client.SendMessageAsync(BinaryData.FromString("forever"), timeToLive: StorageQueueClient.InfiniteTimeToLive);

        Assert.NotNull(receipt.ExpiresOn);
        Assert.True(receipt.ExpiresOn!.Value.Year >= 9999);
    }

    [Fact]
    public async Task SendMessage_ShortTimeToLive_SetsExpiry()
    {
        var client = await CreateQueueAsync();

        var receipt = await client.SendMessageAsync(BinaryData.FromString("brief"), timeToLive: TimeSpan.FromMinutes(2));

        Assert.Equal(TimeSpan.FromMinutes(2), receipt.ExpiresOn - receipt.InsertedOn);
    }

    [Fact]
    public async Task GetApproximateMessageCount_AfterSends_CountsThem()
    {
        var client = await CreateQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.SendMessageAsync(BinaryData.FromString($"m{i}"));
        }

        Assert.Equal(3, await client.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SendMessage_LargestAllowed_IsAccepted()
    {
        var client = await CreateQueueAsync();
        var body = new byte[StorageQueueClient.MaxMessageBytes / 4 * 3];
        Random.Shared.NextBytes(body);

        await client.SendMessageAsync(new BinaryData(body));
        var message = Assert.Single(await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(body, message.Body.ToArray());
    }

    [Fact]
    public async Task SendMessage_Oversize_ThrowsArgumentExceptionBeforeSending()
    {
        var client = await CreateQueueAsync();
        var body = new byte[(StorageQueueClient.MaxMessageBytes / 4 * 3) + 1];

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.SendMessageAsync(new BinaryData(body)));

        Assert.Contains(client.Name, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, await client.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SendMessage_MissingQueue_ThrowsRequestFailed404WithErrorCode()
    {
        var client = new StorageQueueClient(_azurite.Account, _azurite.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendMessageAsync(BinaryData.FromString("x")));

        Assert.Equal(404, exception.Status);
        Assert.Equal("QueueNotFound", exception.ErrorCode);
        Assert.Contains(client.Name, exception.Message, StringComparison.Ordinal);
        Assert.Contains("Send message", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteIfExists_ExistingAndMissingQueue_Succeeds()
    {
        var client = await CreateQueueAsync();

        await client.DeleteIfExistsAsync();
        await client.DeleteIfExistsAsync();

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetApproximateMessageCountAsync());
        Assert.Equal(404, exception.Status);
    }

    [Fact]
    public async Task AnyOperation_WrongAccountKey_Throws403WithoutKeyInMessage()
    {
        const string wrongKey = "d3JvbmctYWNjb3VudC1rZXktZm9yLXRlc3RpbmctMDEyMzQ1Njc4OWFiY2RlZg==";
        var connectionString = _azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, wrongKey, StringComparison.Ordinal);
        var client = new StorageQueueClient(
            StorageAccount.Parse(connectionString),
            _azurite.UniqueName("forbidden"),
            new StorageQueueClientOptions { Retry = { MaxRetries = 0 } });

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateIfNotExistsAsync());

        Assert.Equal(403, exception.Status);
        Assert.Equal("AuthenticationFailed", exception.ErrorCode);
        Assert.DoesNotContain(wrongKey, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UPPER")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("under_score")]
    public void Constructor_InvalidQueueName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => new StorageQueueClient(_azurite.Account, name));
    }
}
