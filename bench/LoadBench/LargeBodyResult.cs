namespace RenderHooks.LoadBench;

/// <summary>Large-body intake at each concurrency (none when the server refused the body: <paramref name="Refusal"/>).</summary>
internal sealed record LargeBodyResult(int BodyBytes, long IdleBytes, IReadOnlyList<LargeBodyRow> Rows, string? Refusal);

/// <summary>One concurrency of large-body intake, and the server's VmHWM after it.</summary>
internal sealed record LargeBodyRow(LoadResult Intake, long PeakBytes);
