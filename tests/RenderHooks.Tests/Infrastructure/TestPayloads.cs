using System.Text;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Webhook bodies as the providers' documents show them, with a chosen job id.</summary>
public static class TestPayloads
{
    public static string PhantomFlowCompleted(string jobId) =>
        $$"""{"job_id":"{{jobId}}","status":"completed","output_url":"https://cdn.phantomflow.dev/output/{{jobId}}.mp4","duration_seconds":15.2,"credits_used":16}""";

    public static string PhantomFlowFailed(string jobId) =>
        $$$"""{"job_id":"{{{jobId}}}","status":"failed","error":{"code":"RENDER_FAILED","message":"FFmpeg exited with code 1: Invalid video source URL"}}""";

    public static string Json2VideoCompleted(string project) =>
        $$$"""{"width":"1920","height":"1080","duration":"10.5","size":"4567890","url":"https://assets.json2video.com/clients/xxxxxxxx/renders/yourmovie.mp4","project":"{{{project}}}","id":"your-movie-id","client-data":{"order_id":"ord_42"}}""";

    public static string Json2VideoCompletedForm(string project) =>
        $"width=1920&height=1080&duration=10.5&size=4567890&url=https%3A%2F%2Fassets.json2video.com%2Fclients%2Fxxxxxxxx%2Frenders%2Fyourmovie.mp4&project={project}&id=your-movie-id&client-data%5Border_id%5D=ord_42";

    public static string NewPhantomFlowJobId() => Guid.NewGuid().ToString();

    /// <summary>A 16-character JSON2Video project id.</summary>
    public static string NewJson2VideoProject() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace("+", "A", StringComparison.Ordinal).Replace("/", "B", StringComparison.Ordinal)[..16];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
