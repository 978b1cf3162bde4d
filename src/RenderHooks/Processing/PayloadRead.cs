namespace RenderHooks.Processing;

/// <summary>What <see cref="PayloadStore.ReadAsync"/> found: the body, or why there is none to read.</summary>
/// <param name="Body">The body, byte for byte; null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the blob gave no body (not found, not the size the delivery says); null when it did.</param>
/// <param name="BlobFound">Whether the blob is there (read, or not the size the delivery says), so the archive may refer to it.</param>
internal sealed record PayloadRead(byte[]? Body, string? Problem, bool BlobFound);
