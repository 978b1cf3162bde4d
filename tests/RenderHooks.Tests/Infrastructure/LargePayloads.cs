using System.Text;
using System.Text.Json.Nodes;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// JSON2Video webhooks of an exact size, larger than a queue message holds: the documented completed webhook with some
/// client data (non-ASCII included, well under the 32 KiB a job keeps), the rest of the size an extra field the adapter
/// ignores, as a caller's large movie echo would be. JSON, or urlencoded with bracketed client-data keys.
/// </summary>
public static class LargePayloads
{
    /// <summary>The client data every large webhook carries back.</summary>
    public static JsonObject ClientData() => new()
    {
        ["order_id"] = "ord_42",
        ["customer"] = "Zoë Ünal — 東京",
        ["notes"] = new string('n', 8_000),
    };

    /// <summary>A completed JSON2Video webhook of exactly <paramref name="bytes"/> bytes (UTF-8).</summary>
    public static byte[] Json2VideoCompleted(string project, int bytes, bool form)
    {
        var data = ClientData();
        string head;
        if (form)
        {
            head = $"width=1920&height=1080&duration=10.5&size=4567890&url=https%3A%2F%2Fassets.json2video.com%2Fclients%2Fxxxxxxxx%2Frenders%2Fyourmovie.mp4&project={project}&id=your-movie-id"
                + string.Concat(data.Select(p => $"&client-data%5B{p.Key}%5D={Uri.EscapeDataString(p.Value!.GetValue<string>())}"))
                + "&padding=";
            return Pad(head, string.Empty, bytes);
        }

        head = $$"""{"width":"1920","height":"1080","duration":"10.5","size":"4567890","url":"https://assets.json2video.com/clients/xxxxxxxx/renders/yourmovie.mp4","project":"{{project}}","id":"your-movie-id","client-data":{{data.ToJsonString()}},"padding":""" + "\"";
        return Pad(head, "\"}", bytes);
    }

    private static byte[] Pad(string head, string tail, int bytes)
    {
        var fixedBytes = Encoding.UTF8.GetByteCount(head) + Encoding.UTF8.GetByteCount(tail);
        if (bytes < fixedBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), $"A large webhook is at least {fixedBytes} bytes.");
        }

        var body = Encoding.UTF8.GetBytes(head + new string('a', bytes - fixedBytes) + tail);
        return body.Length == bytes ? body : throw new InvalidOperationException("The webhook is not the size asked for.");
    }
}
