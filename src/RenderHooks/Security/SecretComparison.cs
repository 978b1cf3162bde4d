using System.Security.Cryptography;
using System.Text;

namespace RenderHooks.Security;

/// <summary>
/// Compares a presented secret with an expected one in constant time. Both are hashed first, so neither the
/// length nor the content of the expected secret leaks through timing.
/// </summary>
public static class SecretComparison
{
    public static bool FixedTimeEquals(string? presented, string? expected)
    {
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? string.Empty), b);
        return CryptographicOperations.FixedTimeEquals(a, b) & !string.IsNullOrEmpty(presented) & !string.IsNullOrEmpty(expected);
    }
}
