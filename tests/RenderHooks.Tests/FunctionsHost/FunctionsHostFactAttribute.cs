namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// A test that needs a real Azure Functions host: skipped, with the reason saying how to enable it, where neither
/// <c>RENDERHOOKS_FUNCTIONS_HOST</c> is set nor Core Tools' <c>func</c> is on PATH.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FunctionsHostFactAttribute : FactAttribute
{
    public FunctionsHostFactAttribute()
    {
        if (FunctionsHostCommand.Find(out var reason) is null)
        {
            Skip = reason;
        }
    }
}
