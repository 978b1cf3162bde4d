using System.Text;

namespace RenderHooks.LoadBench;

/// <summary>
/// A large webhook: a finished JSON2Video render in its webhook reference's JSON shape, whose <c>client-data</c>
/// (the caller's data, sent back whatever its size) pads the body to an exact length.
/// </summary>
internal static class Json2VideoWebhook
{
    public const string Provider = "json2video";

    public const string MediaType = "application/json";

    /// <summary>A new 16-character project id (JSON2Video's job id).</summary>
    public static string NewProject() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>The body for <paramref name="project"/>, exactly <paramref name="bytes"/> bytes of UTF-8 JSON.</summary>
    public static byte[] Body(string project, int bytes)
    {
        var head =
            "{\"width\":\"1920\",\"height\":\"1080\",\"duration\":\"10.5\",\"size\":\"4567890\"," +
            $"\"url\":\"https://assets.json2video.com/clients/loadbench/renders/{project}.mp4\",\"project\":\"{project}\",\"id\":\"movie-{project}\"," +
            $"\"client-data\":{{\"order_id\":\"ord-{project}\",\"notes\":\"";
        const string Tail = "\"}}";
        var padding = bytes - head.Length - Tail.Length;
        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"A JSON2Video webhook takes at least {head.Length + Tail.Length} bytes.");
        }

        var body = new byte[bytes];
        var at = Encoding.ASCII.GetBytes(head, body);
        body.AsSpan(at, padding).Fill((byte)'x');
        Encoding.ASCII.GetBytes(Tail, body.AsSpan(at + padding));
        return body;
    }
}
