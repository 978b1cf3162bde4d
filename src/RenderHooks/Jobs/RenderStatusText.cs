using RenderHooks.Providers;

namespace RenderHooks.Jobs;

/// <summary>The wire and storage spelling of <see cref="RenderStatus"/>.</summary>
public static class RenderStatusText
{
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static string ToText(this RenderStatus status) => status switch
    {
        RenderStatus.Completed => Completed,
        RenderStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown render status."),
    };

    public static RenderStatus? Parse(string? text) => text switch
    {
        Completed => RenderStatus.Completed,
        Failed => RenderStatus.Failed,
        _ => null,
    };
}
