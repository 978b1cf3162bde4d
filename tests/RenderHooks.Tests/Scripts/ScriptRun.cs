using System.Diagnostics;

namespace RenderHooks.Tests.Scripts;

/// <summary>One run of a repository script (<c>bash scripts/…</c>) in a working directory: its exit code and everything it printed.</summary>
internal sealed record ScriptRun(int ExitCode, string Output)
{
    public static async Task<ScriptRun> RunAsync(string workingDirectory, string script, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {(timeout ?? TimeSpan.FromMinutes(5)).TotalMinutes} min. Output:\n{output}");
        }

        process.WaitForExit(); // the output's last lines
        lock (output)
        {
            return new ScriptRun(process.ExitCode, output.ToString());
        }
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
