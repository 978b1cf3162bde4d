using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RenderHooks.Serialization;

namespace RenderHooks.Deliveries;

/// <summary>Reads and writes <see cref="DeliveryEnvelope"/> messages.</summary>
public static class DeliveryEnvelopeSerializer
{
    /// <summary>Serializes an envelope to UTF-8 JSON.</summary>
    public static BinaryData Serialize(DeliveryEnvelope envelope) =>
        BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(envelope, RenderHooksJsonContext.Compact.DeliveryEnvelope));

    /// <summary>Reads an envelope; on failure returns false with a reason fit for the archive.</summary>
    public static bool TryDeserialize(BinaryData message, [NotNullWhen(true)] out DeliveryEnvelope? envelope, [NotNullWhen(false)] out string? reason)
    {
        envelope = null;
        try
        {
            envelope = JsonSerializer.Deserialize(message.ToMemory().Span, RenderHooksJsonContext.Compact.DeliveryEnvelope);
        }
        catch (JsonException e)
        {
            reason = $"The queue message is not a delivery envelope: {e.Message}";
            return false;
        }

        if (envelope is null || envelope.Version != 1 || string.IsNullOrEmpty(envelope.DeliveryId) || string.IsNullOrEmpty(envelope.Provider))
        {
            reason = "The queue message is not a version 1 delivery envelope with a delivery id and a provider.";
            envelope = null;
            return false;
        }

        reason = null;
        return true;
    }
}
