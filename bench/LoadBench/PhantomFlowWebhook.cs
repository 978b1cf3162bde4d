using System.Text;

namespace RenderHooks.LoadBench;

/// <summary>The webhook sent: a completed PhantomFlow render with a fresh job id, as the provider's document shows it.</summary>
internal static class PhantomFlowWebhook
{
    public const string Provider = "phantomflow";

    public const string MediaType = "application/json";

    public static string NewJobId() => Guid.NewGuid().ToString();

    public static byte[] Body(string jobId) =>
        Encoding.UTF8.GetBytes(
            $$"""{"job_id":"{{jobId}}","status":"completed","output_url":"https://cdn.phantomflow.dev/output/{{jobId}}.mp4","duration_seconds":15.2,"credits_used":16}""");
}
