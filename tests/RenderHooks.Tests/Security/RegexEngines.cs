using System.Diagnostics;
using System.Text.Json;
using RenderHooks.Tests.Deployment;

namespace RenderHooks.Tests.Security;

/// <summary>
/// Runs regular expressions under the machine's Node.js in Google's RE2 (<c>re2-wasm</c>; KQL's regular expressions
/// use RE2's syntax) and in Rust's <c>regex</c> crate (<c>rregex</c>, a second engine of the same family), both
/// compiled to WebAssembly and installed at the repository root by <c>npm ci</c>.
/// </summary>
internal static class RegexEngines
{
    public const string Re2 = "re2";

    public const string Rust = "rust";

    public static TheoryData<string> All => [Re2, Rust];

    /// <summary>Every match of <paramref name="pattern"/> in each input replaced; <c>$1</c> is group 1.</summary>
    public static async Task<IReadOnlyList<string>> ReplaceAsync(string engine, string pattern, string replacement, IReadOnlyList<string> inputs) =>
        JsonSerializer.Deserialize<string[]>(await RunAsync("replace.js", new { engine, pattern, replacement, inputs }))
        ?? throw new InvalidOperationException("node printed no result.");

    /// <summary>
    /// <paramref name="rows"/> after the KQL transformation <paramref name="kql"/> (the subset <c>kql.js</c>
    /// evaluates: <c>let</c> functions, then <c>source | extend …</c>), its regular expressions run by
    /// <paramref name="engine"/>.
    /// </summary>
    public static async Task<IReadOnlyList<Dictionary<string, string>>> TransformAsync(string engine, string kql, IReadOnlyList<IReadOnlyDictionary<string, string>> rows) =>
        JsonSerializer.Deserialize<Dictionary<string, string>[]>(await RunAsync("kql.js", new { engine, kql, rows }))
        ?? throw new InvalidOperationException("node printed no result.");

    private static async Task<string> RunAsync(string script, object request)
    {
        var modules = InfraFiles.Path("node_modules");
        Assert.True(
            Directory.Exists(Path.Combine(modules, "re2-wasm")) && Directory.Exists(Path.Combine(modules, "rregex")),
            "node_modules/re2-wasm or node_modules/rregex is missing: run 'npm ci' at the repository root.");

        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Resources", "Regex", script));
        startInfo.ArgumentList.Add(modules);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request));
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"node {script} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
