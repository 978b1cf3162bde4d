namespace RenderHooks.LoadBench;

/// <summary>
/// Concurrent webhooks of one large size in a closed loop: the server's VmHWM after them against its idle one (after
/// start); <paramref name="Intake"/> is null when the server refused the body (<paramref name="Refusal"/>).
/// </summary>
internal sealed record BurstResult(int BodyBytes, int Connections, long IdleBytes, long PeakBytes, LoadResult? Intake, string? Refusal);
