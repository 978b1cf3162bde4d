using System.Diagnostics;
using System.Reflection;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// The Functions app's build output (<c>src/RenderHooks.Functions/bin/{Configuration}/net10.0</c>, the configuration the
/// tests were built in), as the host loads it: <c>functions.metadata</c>, <c>worker.config.json</c>, <c>host.json</c>.
/// Built once per test run with <c>dotnet build</c> when it is missing or older than a source it is built from, so
/// the tests never run yesterday's app. Nothing is built where no host is found (the tests are skipped).
/// </summary>
public sealed class FunctionsApp : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private string? _folder;

    /// <summary>The folder the host is started over.</summary>
    public string Folder => _folder ?? throw new InvalidOperationException("The Functions app is only built where a Functions host is found.");

    /// <summary>What was done to get the build output (for the test log).</summary>
    public string How { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (FunctionsHostCommand.Find(out _) is null)
        {
            return;
        }

        var root = AzuriteFixture.FindRepositoryRoot();
        var project = Path.Combine(root, "src", "RenderHooks.Functions", "RenderHooks.Functions.csproj");
        var configuration = typeof(FunctionsApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var folder = Path.Combine(root, "src", "RenderHooks.Functions", "bin", configuration, "net10.0");
        var stale = Staleness(root, folder);
        if (stale is not null)
        {
            var clock = Stopwatch.StartNew();
            await BuildAsync(project, configuration);
            How = $"built ({stale}) with 'dotnet build -c {configuration}' in {clock.Elapsed.TotalSeconds:F0} s";
            if (!File.Exists(Path.Combine(folder, "functions.metadata")))
            {
                throw new InvalidOperationException($"'dotnet build {project}' succeeded but left no functions.metadata in {folder}.");
            }
        }
        else
        {
            How = "up to date";
        }

        _folder = folder;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Why the output must be built, or null when it is newer than every source of the app, its libraries and its build settings.</summary>
    private static string? Staleness(string root, string folder)
    {
        var outputs = new[] { "functions.metadata", "worker.config.json", "host.json", "RenderHooks.Functions.dll" }.Select(f => Path.Combine(folder, f)).ToList();
        if (outputs.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            return $"no {Path.GetFileName(missing)} in {folder}";
        }

        // An incremental build that compiles nothing leaves the dll's time alone; the newest output file is when it last copied anything.
        var built = Directory.EnumerateFiles(folder).Max(File.GetLastWriteTimeUtc);
        var sources = new[] { "RenderHooks", "RenderHooks.AspNetCore", "RenderHooks.Functions" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, "src", p), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(new[] { "host.json", "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(root, f)).Where(File.Exists));
        var newer = sources.FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
        return newer is null ? null : $"{Path.GetRelativePath(root, newer)} is newer than the build output";
    }

    private static async Task BuildAsync(string project, string configuration)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", project, "-c", configuration, "--nologo", "-v", "quiet" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'dotnet build {project}' did not finish within {BuildTimeout.TotalMinutes} minutes.");
        }

        var output = await standardOutput + await standardError;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet build {project}' failed with exit code {process.ExitCode}:\n{output}");
        }
    }
}
