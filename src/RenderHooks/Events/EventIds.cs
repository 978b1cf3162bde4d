using System.Security.Cryptography;
using System.Text;

namespace RenderHooks.Events;

/// <summary>
/// Stable event ids: a hash of (provider, jobId, status, verified), so the same state of the same job always carries
/// the same id, across redeliveries, crashes and hosts. Consumers dedupe on it.
/// </summary>
internal static class EventIds
{
    /// <summary>Computes the event id of a job state.</summary>
    public static string For(string provider, string jobId, string status, bool verified)
    {
        var text = string.Join('\n', "renderhooks/event/v1", provider, jobId, status, verified ? "verified" : "unverified");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
