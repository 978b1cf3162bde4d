using RenderHooks.Deliveries;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Tests.Providers;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Intake;

/// <summary>
/// The other readers of what a caller sends — the Content-Type header, the registration body, the queue message that
/// carries a delivery — on inputs built to be expensive: memory linear in the input, as for the webhook parsers.
/// </summary>
public sealed class InputCostTests(ITestOutputHelper output)
{
    /// <summary>Kestrel's default limit for all request headers together.</summary>
    private const int MaxHeaderBytes = 32 * 1024;

    public static TheoryData<string> CostlyContentTypes => new(ContentTypes.Keys);

    public static TheoryData<string> CostlyRegistrations => new(Registrations.Keys);

    public static TheoryData<string> CostlyMessages => new(Messages.Keys);

    private static Dictionary<string, Func<string>> ContentTypes { get; } = new()
    {
        ["32 KiB of one-letter parameters"] = () => "application/json" + CostlyInput.Fill(";a=1", string.Empty, MaxHeaderBytes - 100),
        ["32 KiB of quoted parameters"] = () => "application/json" + CostlyInput.Fill(";a=\"\"", string.Empty, MaxHeaderBytes - 100),
        ["32 KiB of separators"] = () => "application/json" + CostlyInput.Fill(";", string.Empty, MaxHeaderBytes - 100),
        ["32 KiB of media type"] = () => "application/" + CostlyInput.Fill("x", "+json", MaxHeaderBytes - 100),
        ["32 KiB of a charset"] = () => "application/json; charset=" + CostlyInput.Fill("u", string.Empty, MaxHeaderBytes - 100),
    };

    private static Dictionary<string, Func<byte[]>> Registrations { get; } = new()
    {
        ["4 KiB of short properties"] = () => CostlyInput.Utf8("{" + CostlyInput.Properties(i => $"\"{i:x}\":0", "}", JobRegistry.MaxBodyBytes - 100)),
        ["4 KiB of escaped names before the fields"] = () => CostlyInput.Utf8("{" + CostlyInput.Properties(i => $"\"\\u0061{i:x}\":0", ",\"provider\":\"phantomflow\",\"jobId\":\"J1\"}", JobRegistry.MaxBodyBytes - 100)),
        ["4 KiB of empty arrays nested 15 deep"] = () => CostlyInput.Utf8("{\"a\":[" + CostlyInput.Fill(new string('[', 14) + new string(']', 14) + ",", "[]]}", JobRegistry.MaxBodyBytes - 100)),
        ["a 4 KiB escaped reference"] = () => CostlyInput.Utf8("{\"provider\":\"phantomflow\",\"jobId\":\"J1\",\"reference\":\"" + CostlyInput.Fill("\\u0041", "\"}", JobRegistry.MaxBodyBytes - 100)),
    };

    private static Dictionary<string, Func<byte[]>> Messages { get; } = new()
    {
        ["an envelope of a 1 MiB body"] = () => DeliveryEnvelopeSerializer.Serialize(Envelope(new byte[CostlyInput.OneMiB])).ToArray(),
        ["an envelope of 1 MiB of unknown properties"] = () => CostlyInput.Utf8("{" + CostlyInput.Properties(i => $"\"{i:x}\":0", ",\"version\":1,\"deliveryId\":\"d\",\"provider\":\"p\",\"contentType\":\"c\",\"receivedAt\":\"2026-01-01T00:00:00Z\",\"body\":\"\"}")),
        ["an envelope of 1 MiB of nested unknown arrays"] = () => CostlyInput.Utf8("{\"x\":[" + CostlyInput.Fill(new string('[', 60) + new string(']', 60) + ",", "[]],\"version\":1}")),
        ["an envelope with a 1 MiB escaped delivery id"] = () => CostlyInput.Utf8("{\"version\":1,\"deliveryId\":\"" + CostlyInput.Fill("\\u0041", "\",\"provider\":\"p\",\"contentType\":\"c\",\"receivedAt\":\"2026-01-01T00:00:00Z\",\"body\":\"\"}")),
        ["1 MiB that is not JSON"] = () => CostlyInput.Utf8(CostlyInput.Fill("x", string.Empty)),
    };

    [Theory]
    [MemberData(nameof(CostlyContentTypes))]
    public void TryGetMediaType_CostlyHeader_AllocatesLinearInTheHeader(string what)
    {
        var header = ContentTypes[what]();

        var allocated = Allocations.Measure(() =>
        {
            if (ContentTypeCheck.TryGetMediaType(header, out var mediaType, out _))
            {
                MediaTypes.IsJson(mediaType);
                MediaTypes.IsFormUrlEncoded(mediaType);
            }
        });

        Allocations.AssertLinear(allocated, header.Length, WebhookParserCostTests.PerBodyByte, what, output: output);
    }

    [Theory]
    [MemberData(nameof(CostlyRegistrations))]
    public void TryParse_CostlyRegistration_AllocatesLinearInTheBody(string what)
    {
        var body = Registrations[what]();

        var allocated = Allocations.Measure(() => JobRegistrationParser.TryParse(body, out _, out _));

        Allocations.AssertLinear(allocated, body.Length, WebhookParserCostTests.PerBodyByte, what, output: output);
    }

    [Theory]
    [MemberData(nameof(CostlyMessages))]
    public void TryDeserialize_CostlyQueueMessage_AllocatesLinearInTheMessage(string what)
    {
        var message = BinaryData.FromBytes(Messages[what]());

        var allocated = Allocations.Measure(() => DeliveryEnvelopeSerializer.TryDeserialize(message, out _, out _));

        Allocations.AssertLinear(allocated, message.ToMemory().Length, WebhookParserCostTests.PerBodyByte, what, output: output);
    }

    private static DeliveryEnvelope Envelope(byte[] body) => new()
    {
        DeliveryId = "d1", Provider = ProviderNames.Json2Video, ReceivedAt = DateTimeOffset.UnixEpoch, ContentType = "application/json", Body = body,
    };
}
