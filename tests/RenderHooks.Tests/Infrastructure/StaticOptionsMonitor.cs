using Microsoft.Extensions.Options;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>An options monitor that always returns one value.</summary>
public sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
