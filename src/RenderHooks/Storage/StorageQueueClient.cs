using System.Globalization;
using System.Text;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RenderHooks.Storage;

/// <summary>
/// A client for one storage queue over the Queue service REST API (the Azure Storage SDK is not used). Failures are
/// thrown as <see cref="RequestFailedException"/> with <c>Status</c> and <c>ErrorCode</c> set.
/// </summary>
public sealed class StorageQueueClient
{
    /// <summary>The largest encoded message text the service accepts (64 KiB).</summary>
    public const int MaxMessageBytes = 65536;

    /// <summary>A time-to-live meaning the message never expires (<c>messagettl=-1</c>).</summary>
    public static readonly TimeSpan InfiniteTimeToLive = TimeSpan.FromSeconds(-1);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _queueUri;
    private readonly string _serviceVersion;
    private readonly QueueMessageEncoding _encoding;
    private readonly StorageRequestFailedDetailsParser _parser = new();

    /// <summary>Creates a client for queue <paramref name="queueName"/> of <paramref name="account"/>.</summary>
    /// <exception cref="ArgumentException">The queue name is not valid.</exception>
    public StorageQueueClient(StorageAccount account, string queueName, StorageQueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        StorageNames.ValidateQueueName(queueName);
        options ??= new StorageQueueClientOptions();

        Name = queueName;
        _serviceVersion = options.ServiceVersion;
        _encoding = options.MessageEncoding;
        _queueUri = new Uri(account.QueueServiceUri.AbsoluteUri.TrimEnd('/') + "/" + queueName);
        _pipeline = StoragePipelineFactory.Build(account, options, (key, time) => new QueueSharedKeyPolicy(key, time), _parser);
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>Creates the queue; succeeds if it already exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put);
        await SendAsync(message, "Create queue", cancellationToken, 201, 204);
    }

    /// <summary>Deletes the queue; succeeds if it does not exist.</summary>
    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete);
        await SendAsync(message, "Delete queue", cancellationToken, 204, 404);
    }

    /// <summary>Sends a message, encoded with the client's <see cref="QueueMessageEncoding"/>.</summary>
    /// <param name="message">The body.</param>
    /// <param name="visibilityDelay">How long the message stays invisible after insertion (0 by default).</param>
    /// <param name="timeToLive">How long the message lives (7 days by default); <see cref="InfiniteTimeToLive"/> for never.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The encoded text exceeds <see cref="MaxMessageBytes"/> or cannot be encoded.</exception>
    public async Task<SendReceipt> SendMessageAsync(
        BinaryData message,
        TimeSpan? visibilityDelay = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = QueueMessageCodec.Encode(message, _encoding);
        var textBytes = Encoding.UTF8.GetByteCount(text);
        if (textBytes > MaxMessageBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The encoded message is {textBytes} bytes; queue '{Name}' accepts at most {MaxMessageBytes}."),
                nameof(message));
        }

        using var request = CreateMessage(RequestMethod.Post, "messages");
        if (visibilityDelay is { } delay)
        {
            request.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        }

        if (timeToLive is { } ttl)
        {
            request.Request.Uri.AppendQuery("messagettl", ttl == InfiniteTimeToLive ? "-1" : Seconds(ttl));
        }

        request.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        request.Request.Content = RequestContent.Create(QueueMessageXml.BuildPutBody(text));

        var response = await SendAsync(request, "Send message", cancellationToken, 201);
        var item = ParseList(response, "Send message").FirstOrDefault()
            ?? throw new RequestFailedException(response.Status, $"Send message to queue '{Name}' returned no message receipt.");
        return new SendReceipt(item.MessageId, item.PopReceipt ?? string.Empty, item.InsertedOn, item.ExpiresOn, item.NextVisibleOn);
    }

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> (1-32) messages, hiding them for <paramref name="visibilityTimeout"/>.
    /// A message whose text is not valid for the encoding is returned with its raw text and <see cref="QueueMessage.BodyDecodingFailed"/>.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = CreateMessage(RequestMethod.Get, "messages");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));

        var response = await SendAsync(message, "Receive messages", cancellationToken, 200);
        return ParseList(response, "Receive messages")
            .Select(item =>
            {
                var (body, failed) = QueueMessageCodec.Decode(item.MessageText, _encoding);
                return new QueueMessage(item.MessageId, item.PopReceipt ?? string.Empty, body, item.DequeueCount, item.InsertedOn, item.NextVisibleOn, failed);
            })
            .ToList();
    }

    /// <summary>Peeks at up to <paramref name="maxMessages"/> (1-32) visible messages without dequeuing them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = CreateMessage(RequestMethod.Get, "messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));

        var response = await SendAsync(message, "Peek messages", cancellationToken, 200);
        return ParseList(response, "Peek messages")
            .Select(item =>
            {
                var (body, failed) = QueueMessageCodec.Decode(item.MessageText, _encoding);
                return new PeekedMessage(item.MessageId, body, item.DequeueCount, item.InsertedOn, failed);
            })
            .ToList();
    }

    /// <summary>Deletes a received message.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessage(RequestMethod.Delete, "messages", messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        await SendAsync(message, "Delete message", cancellationToken, 204);
    }

    /// <summary>Changes how long a received message stays invisible; returns the new pop receipt.</summary>
    public async Task<string> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessage(RequestMethod.Put, "messages", messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));

        var response = await SendAsync(message, "Update message visibility", cancellationToken, 204);
        return response.Headers.TryGetValue("x-ms-popreceipt", out var receipt) && !string.IsNullOrEmpty(receipt)
            ? receipt
            : throw new RequestFailedException(response.Status, $"Update message visibility on queue '{Name}' returned no pop receipt.");
    }

    /// <summary>The service's approximate count of messages in the queue.</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(message, "Get queue properties", cancellationToken, 200);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            && int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
    }

    private HttpMessage CreateMessage(RequestMethod method, params string[] pathSegments)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_queueUri);
        foreach (var segment in pathSegments)
        {
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(segment, escape: true);
        }

        request.Headers.SetValue(StorageRequestHeaders.Version, _serviceVersion);
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/xml");
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, params int[] expectedStatuses)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (Array.IndexOf(expectedStatuses, response.Status) < 0)
        {
            throw StorageFailures.Create(response, _parser, operation, $"queue '{Name}'");
        }

        return response;
    }

    private IReadOnlyList<QueueMessageXml.Item> ParseList(Response response, string operation)
    {
        try
        {
            return QueueMessageXml.ParseList(response.Content);
        }
        catch (XmlException e)
        {
            throw new RequestFailedException(
                response.Status, $"{operation} on queue '{Name}' answered {response.Status} with a body that is not the expected XML: {e.Message}", "InvalidResponseXml", e);
        }
    }

    private static string Seconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
