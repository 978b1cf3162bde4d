using System.Text;

namespace RenderHooks.Providers.StatusApi;

/// <summary>Builds <see cref="ProviderStatus"/> values; provider text is cut and cleaned before it is kept.</summary>
internal static class ProviderStatuses
{
    public const int MaxStateLength = 64;

    public static ProviderStatus Terminal(RenderReport report, string? state) =>
        new() { Kind = ProviderStatusKind.Terminal, Report = report, ProviderState = State(state) };

    public static ProviderStatus InProgress(string? state) =>
        new() { Kind = ProviderStatusKind.InProgress, ProviderState = State(state) };

    public static ProviderStatus Unknown(string reason) => new() { Kind = ProviderStatusKind.Unknown, Reason = reason };

    public static ProviderStatus Throttled(TimeSpan? retryAfter, string reason) =>
        new() { Kind = ProviderStatusKind.Throttled, RetryAfter = retryAfter, Reason = reason };

    public static ProviderStatus Unauthorized(string reason) => new() { Kind = ProviderStatusKind.Unauthorized, Reason = reason };

    public static ProviderStatus Unavailable(string reason) => new() { Kind = ProviderStatusKind.Unavailable, Reason = reason };

    /// <summary>The provider's status text: trimmed, at most <see cref="MaxStateLength"/> characters, invisible characters as '?'.</summary>
    public static string? State(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(trimmed.Length, MaxStateLength));
        foreach (var c in trimmed)
        {
            if (builder.Length == MaxStateLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
