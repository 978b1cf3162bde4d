namespace RenderHooks.Providers.StatusApi;

/// <summary>What came back from one status request: the HTTP status, the body, and <c>Retry-After</c> when present.</summary>
internal readonly record struct StatusApiAnswer(int StatusCode, ReadOnlyMemory<byte> Body, TimeSpan? RetryAfter);
