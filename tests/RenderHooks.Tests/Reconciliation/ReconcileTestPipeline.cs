using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Reconciliation;

/// <summary>A pipeline on Azurite whose providers' status APIs are an in-test HTTP server, and helpers the reconciliation tests share.</summary>
internal static class ReconcileTestPipeline
{
    /// <summary>Jobs are due as soon as they are known, unless a test says otherwise.</summary>
    public static Task<PipelineHarness> CreateAsync(
        AzuriteFixture azurite,
        ProviderStatusServer status,
        FakeTimeProvider? time = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        PipelineNames? shareStorageWith = null) =>
        CreateAsync(azurite, status, time, null, settings, shareStorageWith);

    /// <summary>As above, every log line kept in <paramref name="logs"/>.</summary>
    public static Task<PipelineHarness> CreateAsync(
        AzuriteFixture azurite,
        ProviderStatusServer status,
        FakeTimeProvider? time,
        CapturedLogs? logs,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        PipelineNames? shareStorageWith = null)
    {
        IEnumerable<KeyValuePair<string, string?>> all =
        [
            .. status.Settings(),
            new("RenderHooks:Reconcile:FirstCheckDelay", "00:00:00"),
            .. settings ?? [],
            .. shareStorageWith?.AsSettings() ?? [],
        ];
        return PipelineHarness.CreateAsync(
            azurite,
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton<TimeProvider>(time);
                }

                if (logs is not null)
                {
                    services.AddLogging(logging => logging.AddProvider(logs));
                }
            },
            all);
    }

    public static async Task<JobRegistrationResult> RegisterAsync(this PipelineHarness pipeline, string provider, string jobId, string? reference = null)
    {
        var json = reference is null
            ? $$"""{"provider":"{{provider}}","jobId":"{{jobId}}"}"""
            : $$"""{"provider":"{{provider}}","jobId":"{{jobId}}","reference":"{{reference}}"}""";
        var result = await pipeline.Registry.RegisterAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "application/json");
        Assert.Equal(201, result.HttpStatusCode);
        return result;
    }

    public static async Task<JobView> JobAsync(this PipelineHarness pipeline, string provider, string jobId) =>
        await pipeline.Jobs.GetAsync(provider, jobId) ?? throw new InvalidOperationException($"No {provider} job {jobId}.");

    /// <summary>A clock at the real present (storage and HTTP still run in real time), moved only by the test.</summary>
    public static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);
}
