using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;

namespace RenderHooks.Providers;

/// <summary>Checks that a body is non-empty UTF-8 and drops a leading byte order mark.</summary>
internal static class Utf8Body
{
    public static bool TryGetContent(ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte> content, [NotNullWhen(false)] out string? reason)
    {
        content = body;
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            content = body[3..];
        }

        if (content.IsEmpty)
        {
            reason = "body is empty";
            return false;
        }

        if (!Utf8.IsValid(content.Span))
        {
            reason = "body is not valid UTF-8";
            return false;
        }

        reason = null;
        return true;
    }
}
