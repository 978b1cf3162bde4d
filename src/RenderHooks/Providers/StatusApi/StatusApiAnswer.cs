namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// What came back from one status request: the HTTP status, the body, <c>Retry-After</c> when present, and the media
/// type of <c>Content-Type</c> (null without one). Only a JSON media type's body is read (<see cref="StatusApiAnswerRules"/>).
/// </summary>
internal readonly record struct StatusApiAnswer(int StatusCode, ReadOnlyMemory<byte> Body, TimeSpan? RetryAfter, string? MediaType = MediaTypes.Json);
