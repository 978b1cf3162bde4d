using System.Text;
using Azure.Storage.Queues;
using RenderHooks.Deliveries;
using RenderHooks.Intake;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Deliveries;

public sealed class DeliveryEnvelopeTests
{
    [Fact]
    public void Serialize_LargestBodyAndLongestMediaType_FitsOneQueueMessageOnceBase64Encoded()
    {
        var envelope = new DeliveryEnvelope
        {
            DeliveryId = Guid.NewGuid().ToString("N"),
            Provider = "json2video",
            ReceivedAt = DateTimeOffset.MaxValue,
            ContentType = "application/" + new string('+', ContentTypeCheck.MaxContentTypeLength - "application/".Length),
            Body = new byte[IntakeOptions.QueueBodyLimit],
        };

        var json = DeliveryEnvelopeSerializer.Serialize(envelope).ToArray();
        var encoded = Convert.ToBase64String(json);

        var limit = new QueueClient(new Uri("https://account.queue.core.windows.net/deliveries")).MessageMaxBytes;
        Assert.True(Encoding.ASCII.GetByteCount(encoded) <= limit, $"encoded envelope is {encoded.Length} bytes, more than the {limit} a queue message holds");
    }

    [Fact]
    public void RoundTrip_AnyBytes_BodyKeptExactly()
    {
        byte[] body = [0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28];
        var envelope = new DeliveryEnvelope
        {
            DeliveryId = "d1", Provider = "phantomflow", ReceivedAt = DateTimeOffset.UnixEpoch, ContentType = "application/json", Body = body,
        };

        Assert.True(DeliveryEnvelopeSerializer.TryDeserialize(DeliveryEnvelopeSerializer.Serialize(envelope), out var read, out _));
        Assert.Equal(body, read.Body);
        Assert.Equal(envelope.ReceivedAt, read.ReceivedAt);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"version":2,"deliveryId":"d","provider":"p","receivedAt":"2026-01-01T00:00:00Z","contentType":"a/b","body":""}""")]
    [InlineData("""{"version":1,"deliveryId":"d","provider":"p","receivedAt":"2026-01-01T00:00:00Z","contentType":"a/b","body":"***"}""")]
    [InlineData("[1,2,3]")]
    public void TryDeserialize_NotAnEnvelope_FalseWithReason(string text)
    {
        Assert.False(DeliveryEnvelopeSerializer.TryDeserialize(BinaryData.FromString(text), out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void Serialize_BodyInTheMessage_NoBlobFields_AndAReferenceRoundTrips()
    {
        var inMessage = new DeliveryEnvelope
        {
            DeliveryId = "d1", Provider = "json2video", ReceivedAt = DateTimeOffset.UnixEpoch, ContentType = "application/json", Body = [0x7b, 0x7d],
        };
        var referenced = inMessage with { Body = [], BodyBlob = "d1", BodyBytes = 1_048_576 };

        var small = DeliveryEnvelopeSerializer.Serialize(inMessage).ToString();
        Assert.True(DeliveryEnvelopeSerializer.TryDeserialize(DeliveryEnvelopeSerializer.Serialize(referenced), out var read, out _));

        Assert.DoesNotContain("bodyBlob", small, StringComparison.Ordinal);
        Assert.DoesNotContain("bodyBytes", small, StringComparison.Ordinal);
        Assert.Contains("\"bodyBlob\":\"d1\",\"bodyBytes\":1048576", DeliveryEnvelopeSerializer.Serialize(referenced).ToString(), StringComparison.Ordinal);
        Assert.Equal(("d1", 1_048_576, 0), (read.BodyBlob, read.BodyBytes, read.Body.Length));
    }
}
