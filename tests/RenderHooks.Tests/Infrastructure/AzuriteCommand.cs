using System.Diagnostics;
using System.Globalization;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>The command line of the repository's Azurite on three loopback ports, telemetry off, output captured.</summary>
internal static class AzuriteCommand
{
    /// <summary>
    /// <paramref name="persistence"/> is <c>--inMemoryPersistence</c>, or <c>--location</c> and a folder. Azurite 3.37
    /// rejects the two together, so an in-memory Azurite gets a fresh working directory instead: anything it writes
    /// lands there.
    /// </summary>
    public static ProcessStartInfo Create(
        string azuritePath, string workingDirectory, int blobPort, int queuePort, int tablePort, params string[] persistence)
    {
        var startInfo = new ProcessStartInfo(azuritePath)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in persistence.Concat(
        [
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
            "--disableTelemetry", "--silent",
        ]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
