using System.Diagnostics;
using System.Text.Json;
using RenderHooks.Tests.Deployment;

namespace RenderHooks.Tests.Security;

/// <summary>
/// Runs a replacement with RE2, the engine behind KQL's <c>replace_regex</c>: Google's RE2 compiled to WebAssembly
/// (the <c>re2-wasm</c> package that <c>npm ci</c> installs at the repository root), under the machine's Node.js.
/// </summary>
internal static class Re2
{
    public static async Task<IReadOnlyList<string>> ReplaceAsync(string pattern, string replacement, IReadOnlyList<string> inputs)
    {
        var package = InfraFiles.Path("node_modules/re2-wasm");
        Assert.True(Directory.Exists(package), "node_modules/re2-wasm is missing: run 'npm ci' at the repository root.");
        var script = Path.Combine(AppContext.BaseDirectory, "Resources", "Re2", "replace.js");

        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(package);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new { pattern, replacement, inputs }));
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {await error}");
        return JsonSerializer.Deserialize<string[]>(await output) ?? throw new InvalidOperationException("node printed no result.");
    }
}
