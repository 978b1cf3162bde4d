using RenderHooks.LoadBench;

// One run: the raw queue ceiling and intake at each concurrency, then a backlog drained by processing, end-to-end
// latency at a steady rate, and the server's peak memory; a Markdown table at the end. Started by bench/load.sh,
// which builds Release, runs an in-memory Azurite and passes its connection string and pid.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

try
{
    var report = await new LoadRun(options).ExecuteAsync();
    Console.WriteLine();
    Console.WriteLine(report.ToMarkdown());
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or Azure.RequestFailedException)
{
    Console.Error.WriteLine($"The benchmark stopped: {e.Message}");
    return 1;
}
