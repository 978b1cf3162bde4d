using System.Diagnostics.CodeAnalysis;

namespace RenderHooks.Providers;

/// <summary>The registered adapters, looked up by provider name in any letter case.</summary>
public sealed class ProviderAdapterCatalog
{
    private readonly Dictionary<string, IProviderAdapter> _adapters = new(StringComparer.OrdinalIgnoreCase);

    public ProviderAdapterCatalog(IEnumerable<IProviderAdapter> adapters)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        foreach (var adapter in adapters)
        {
            ArgumentNullException.ThrowIfNull(adapter, nameof(adapters));
            if (string.IsNullOrWhiteSpace(adapter.Name))
            {
                throw new ArgumentException("An adapter has no name.", nameof(adapters));
            }

            if (!_adapters.TryAdd(adapter.Name, adapter))
            {
                throw new ArgumentException($"More than one adapter is registered for '{adapter.Name}'.", nameof(adapters));
            }
        }
    }

    public bool TryGet(string? provider, [NotNullWhen(true)] out IProviderAdapter? adapter)
    {
        if (provider is null)
        {
            adapter = null;
            return false;
        }

        return _adapters.TryGetValue(provider, out adapter);
    }
}
