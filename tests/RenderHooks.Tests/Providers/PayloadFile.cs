using System.Text;

namespace RenderHooks.Tests.Providers;

/// <summary>Provider payloads stored under <c>Resources/Providers</c>.</summary>
internal static class PayloadFile
{
    public static byte[] Read(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Resources", "Providers", relativePath));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
