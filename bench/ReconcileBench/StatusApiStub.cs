namespace RenderHooks.Bench;

/// <summary>PhantomFlow's status API as its document implies: every job is completed. Counts the calls it answers.</summary>
internal sealed class StatusApiStub : IAsyncDisposable
{
    public const string ApiKey = "bench-status-api-key-0123456789";
    private readonly WebApplication _app;
    private int _calls;

    private StatusApiStub(WebApplication app) => _app = app;

    public int Calls => Volatile.Read(ref _calls);

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<StatusApiStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StatusApiStub(app);
        app.MapGet("/api/jobs/{jobId}", (string jobId, HttpRequest request) =>
        {
            Interlocked.Increment(ref stub._calls);
            return request.Headers.Authorization == $"Bearer {ApiKey}"
                ? Results.Json(new Dictionary<string, object>
                {
                    ["job_id"] = jobId,
                    ["status"] = "completed",
                    ["output_url"] = $"https://cdn.phantomflow.dev/output/{jobId}.mp4",
                    ["duration_seconds"] = 15.2,
                    ["credits_used"] = 16,
                })
                : Results.StatusCode(StatusCodes.Status401Unauthorized);
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
