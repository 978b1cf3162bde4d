using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>What every status answer must hold, whichever provider gave it.</summary>
internal static class StatusAnswerAssert
{
    /// <summary>The expected kind and provider state; a report exactly for terminal answers; a reason for every kind without one.</summary>
    public static void Matches(ProviderStatus result, string kindName, string? state)
    {
        var kind = Enum.Parse<ProviderStatusKind>(kindName);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(state, result.ProviderState);
        Assert.Equal(kind == ProviderStatusKind.Terminal, result.Report is not null);
        Assert.True(kind is ProviderStatusKind.Terminal or ProviderStatusKind.InProgress || result.Reason is { Length: > 0 });
    }
}
