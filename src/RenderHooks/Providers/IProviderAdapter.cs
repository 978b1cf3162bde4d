namespace RenderHooks.Providers;

/// <summary>Turns one provider's webhook body into a <see cref="RenderReport"/>.</summary>
public interface IProviderAdapter
{
    /// <summary>A <see cref="ProviderNames"/> constant.</summary>
    string Name { get; }

    /// <summary>Whether the adapter reads bodies of this media type (lower case, without parameters).</summary>
    bool AcceptsMediaType(string mediaType);

    /// <summary>Parses a body; never throws for bad input.</summary>
    ParseResult Parse(ReadOnlyMemory<byte> body, string mediaType);
}
