using System.Diagnostics;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Scripts;

/// <summary>
/// <c>scripts/npm-install.sh</c>, the install step <c>scripts/run.sh</c>, <c>scripts/test.sh</c> and the benchmarks share:
/// the quickstart's two commands started at once from a fresh clone both ran <c>npm ci</c> in the same folder, and one
/// died with ENOENT while the other left node_modules without Azurite. Runs the real npm against the registry (its
/// cache makes the second run quick), in a folder holding what a fresh clone holds for it.
/// </summary>
public sealed class NpmInstallTests : IDisposable
{
    private readonly string _clone = Directory.CreateTempSubdirectory("renderhooks-clone-").FullName;

    public NpmInstallTests()
    {
        var root = AzuriteFixture.FindRepositoryRoot();
        Directory.CreateDirectory(Path.Combine(_clone, "scripts"));
        foreach (var file in (string[])["package.json", "package-lock.json", "scripts/npm-install.sh"])
        {
            File.Copy(Path.Combine(root, file), Path.Combine(_clone, file));
        }
    }

    [Fact]
    public async Task TwoInstallsAtOnceInAFreshClone_BothSucceed_OneInstallsTheOtherWaits_AzuriteRuns()
    {
        Assert.False(Directory.Exists(Path.Combine(_clone, "node_modules")));

        var runs = await Task.WhenAll(Install(), Install());

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Output}"));
        var all = string.Join("\n----\n", runs.Select(r => r.Output));
        Assert.True(runs.Count(r => r.Output.Contains("(npm ci)...", StringComparison.Ordinal)) == 1, $"one of the two installs, not both:\n{all}");
        Assert.True(File.Exists(Path.Combine(_clone, "node_modules", ".installed")), all);
        Assert.True(Directory.Exists(Path.Combine(_clone, "node_modules", "re2-wasm")), all);

        var version = await AzuriteVersionAsync();
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);

        // Installed: a third call leaves node_modules as it is.
        var again = await Install();
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("npm ci", again.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_clone, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
    }

    private Task<ScriptRun> Install() =>
        ScriptRun.RunAsync(_clone, "scripts/npm-install.sh", new Dictionary<string, string> { ["npm_config_prefer_offline"] = "true" });

    private async Task<string> AzuriteVersionAsync()
    {
        var startInfo = new ProcessStartInfo(Path.Combine(_clone, "node_modules", ".bin", "azurite"))
        {
            WorkingDirectory = _clone,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("--version");
        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
