using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using RenderHooks;
using RenderHooks.Bench;
using RenderHooks.Jobs;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;

// One reconciliation run over a jobs table of 10,000 jobs of which 100 are due. Started by bench/reconcile.sh,
// which runs an in-memory Azurite and passes its connection string.
var connectionString = args.Length > 0 ? args[0] : "UseDevelopmentStorage=true";
var total = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var dueCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;

await using var statusApi = await StatusApiStub.StartAsync();
var clock = new SettableClock(TimeProvider.System.GetUtcNow().AddMinutes(-10));
var stem = "bench" + Guid.NewGuid().ToString("N")[..8];

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = connectionString,
    ["RenderHooks:WebhookTokens:0"] = "bench-token-0123456789abcdef",
    ["RenderHooks:PhantomFlow:BaseUrl"] = statusApi.BaseUrl.ToString(),
    ["RenderHooks:PhantomFlow:ApiKey"] = StatusApiStub.ApiKey,
    ["RenderHooks:Reconcile:FirstCheckDelay"] = "00:02:00",
    ["RenderHooks:Storage:DeliveriesQueue"] = stem + "-dlv",
    ["RenderHooks:Storage:EventsQueue"] = stem + "-evt",
    ["RenderHooks:Storage:JobsTable"] = stem + "jobs",
    ["RenderHooks:Storage:DeliveriesTable"] = stem + "dlv",
});
builder.AddRenderHooks();
builder.Services.AddSingleton<TimeProvider>(clock);
using var host = builder.Build();
var storage = host.Services.GetRequiredService<RenderHooksStorage>();
var registry = host.Services.GetRequiredService<JobRegistry>();
var reconciler = host.Services.GetRequiredService<Reconciler>();
await storage.CreateIfNotExistsAsync();

try
{
    // 100 jobs registered ten minutes ago (due eight minutes ago), the rest now (due in two minutes).
    var seeding = Stopwatch.StartNew();
    await RegisterAsync(dueCount);
    clock.Now = TimeProvider.System.GetUtcNow();
    await RegisterAsync(total - dueCount);
    seeding.Stop();
    Console.WriteLine($"seeded {total:N0} jobs ({dueCount} due) in {seeding.Elapsed.TotalSeconds:F1} s");

    var run = await reconciler.RunAsync();
    Print("run 1", run, statusApi.Calls);
    var callsBefore = statusApi.Calls;
    var again = await reconciler.RunAsync();
    Print("run 2", again, statusApi.Calls - callsBefore);

    var rows = 0;
    await foreach (var _ in storage.JobsTable.QueryAsync<TableEntity>(maxPerPage: 1000, select: ["PartitionKey"]))
    {
        rows++;
    }

    Console.WriteLine($"table size: {rows:N0} rows (jobs and due-date index); run 1 read {run.IndexRowsRead + run.JobsRead:N0} of them");
}
finally
{
    await Task.WhenAll(
        storage.JobsTable.DeleteAsync(),
        storage.DeliveriesTable.DeleteAsync(),
        storage.DeliveriesQueue.DeleteIfExistsAsync(),
        storage.PoisonQueue.DeleteIfExistsAsync(),
        storage.EventsQueue.DeleteIfExistsAsync());
}

async Task RegisterAsync(int count)
{
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, token) =>
    {
        var body = $$"""{"provider":"phantomflow","jobId":"{{Guid.NewGuid()}}"}""";
        var result = await registry.RegisterAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), "application/json", token);
        if (result.HttpStatusCode != 201)
        {
            throw new InvalidOperationException($"Registration failed: {result.HttpStatusCode} {result.Detail}");
        }
    });
}

static void Print(string label, ReconcileRunSummary summary, int serverCalls) =>
    Console.WriteLine(
        $"{label}: {summary.IndexRowsRead} index rows + {summary.JobsRead} job rows read, {summary.StatusCalls} status calls " +
        $"({serverCalls} answered by the status API), {summary.Recovered} recovered, {summary.EventsPublished} events published, " +
        $"wall time {summary.Elapsed.TotalMilliseconds:F0} ms");
