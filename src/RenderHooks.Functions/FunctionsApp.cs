using Microsoft.Azure.Functions.Worker.Builder;

namespace RenderHooks.Functions;

/// <summary>
/// The Functions app's composition, in one place: <c>Program.cs</c> builds and runs it, and the contract tests build
/// the same host to call the functions in process.
/// </summary>
internal static class FunctionsApp
{
    /// <summary>The worker's builder with the library (<c>AddRenderHooks</c>) and the worker's plumbing (<c>AddRenderHooksFunctions</c>) registered.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.AddRenderHooks();
        builder.AddRenderHooksFunctions();
        return builder;
    }
}
