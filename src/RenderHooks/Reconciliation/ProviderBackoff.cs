using System.Collections.Concurrent;

namespace RenderHooks.Reconciliation;

/// <summary>
/// Remembers, across runs of this instance, a provider's <c>Retry-After</c> that was too long to wait out within a run,
/// so the next runs do not call it before then. Other instances learn it from their own first throttled call.
/// </summary>
internal sealed class ProviderBackoff
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);

    public void Throttled(string provider, TimeSpan? retryAfter, DateTimeOffset now)
    {
        if (retryAfter is { } wait && wait > TimeSpan.Zero)
        {
            var until = now + wait;
            _notBefore.AddOrUpdate(provider, until, (_, earlier) => earlier > until ? earlier : until);
        }
    }

    public bool IsWaiting(string provider, DateTimeOffset now, out DateTimeOffset notBefore)
    {
        if (!_notBefore.TryGetValue(provider, out notBefore))
        {
            return false;
        }

        if (notBefore > now)
        {
            return true;
        }

        // Expired: remove exactly the value read, never one a concurrent run has set since.
        _notBefore.TryRemove(new KeyValuePair<string, DateTimeOffset>(provider, notBefore));
        return false;
    }
}
