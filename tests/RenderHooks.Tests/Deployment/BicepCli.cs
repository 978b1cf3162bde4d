using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// The Bicep CLI of the <c>Azure.Bicep.CommandLine.linux-x64</c> package, pinned in the test project and restored into
/// the NuGet package folder like any package. Looked up where restore put it (recorded at build time), then under
/// <c>NUGET_PACKAGES</c>, then under <c>~/.nuget/packages</c>; NuGet may extract it without the execute bit.
/// </summary>
internal static class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";

    public static string Version { get; } = Metadata("BicepCliVersion")
        ?? throw new InvalidOperationException("The test assembly does not record BicepCliVersion.");

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/>; stdout, stderr and the exit code.</summary>
    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(FindExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // No telemetry from a test run.
        startInfo.Environment["BICEP_TELEMETRY_DISABLED"] = "true";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bicep did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BicepResult(process.ExitCode, await output, await error);
    }

    /// <summary>The executable; fails the test with where it looked when the package is not restored.</summary>
    public static string FindExecutable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("The deployment tests run the linux-x64 Bicep CLI package: run them on Linux x64, as CI does.");
        }

        var roots = new[]
        {
            Metadata("NuGetPackageRoot"),
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        var candidates = roots.Where(r => !string.IsNullOrEmpty(r))
            .Select(r => Path.Combine(r!, PackageId, Version, "tools", "bicep"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var executable = candidates.FirstOrDefault(File.Exists);
        Assert.True(executable is not null, $"Bicep CLI {Version} not found (restore tests/RenderHooks.Tests); looked at: {string.Join(", ", candidates)}");

        var mode = File.GetUnixFileMode(executable);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(executable, mode | execute);
        }

        return executable;
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}

/// <summary>What one <c>bicep</c> run printed, and how it ended.</summary>
internal sealed record BicepResult(int ExitCode, string Output, string Error)
{
    /// <summary>Every warning or error line (<c>file(line,col) : Warning|Error CODE: …</c>) of either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        (Output + "\n" + Error).Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Contains(" : Warning ", StringComparison.Ordinal) || l.Contains(" : Error ", StringComparison.Ordinal) || l.Contains(" : Info ", StringComparison.Ordinal))
            .ToList();
}
