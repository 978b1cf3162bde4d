namespace RenderHooks.Storage;

/// <summary>
/// The blob index tag every payload blob carries, <see cref="StateTag"/>, and its values: <see cref="Received"/> when
/// intake wrote it (an orphan when its enqueue failed: nothing references it), <see cref="Archived"/> once the
/// archive's row references it. The Azure deployment's lifecycle rules act on the tag.
/// </summary>
internal static class PayloadBlobs
{
    public const string StateTag = "renderhooks-state";

    public const string Received = "received";

    public const string Archived = "archived";

    public static Dictionary<string, string> Tags(string state) => new(StringComparer.Ordinal) { [StateTag] = state };
}
