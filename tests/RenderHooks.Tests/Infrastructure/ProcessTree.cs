using System.Diagnostics;
using System.Globalization;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// A process and its descendants as Linux's <c>/proc</c> shows them, each with its start time, so a pid the system
/// hands out again later is never taken for one of them. A host that starts workers (the Functions host starts the
/// isolated worker; Core Tools' npm shim starts <c>func</c>) is stopped through this, so nothing it started outlives it.
/// </summary>
internal sealed class ProcessTree
{
    private readonly List<(int Pid, ulong StartTime)> _members;

    private ProcessTree(List<(int Pid, ulong StartTime)> members) => _members = members;

    /// <summary>The pids, parents before children.</summary>
    public IReadOnlyList<int> Pids => [.. _members.Select(m => m.Pid)];

    /// <summary>The process and every descendant alive now, parents before children (empty where there is no <c>/proc</c>).</summary>
    public static ProcessTree Of(int pid)
    {
        var members = new List<(int, ulong)>();
        if (!Directory.Exists("/proc") || ReadStat(pid) is not { } root)
        {
            return new ProcessTree(members);
        }

        var children = new Dictionary<int, List<(int Pid, ulong StartTime)>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate) &&
                ReadStat(candidate) is { } stat)
            {
                if (!children.TryGetValue(stat.ParentPid, out var list))
                {
                    children[stat.ParentPid] = list = [];
                }

                list.Add((candidate, stat.StartTime));
            }
        }

        var pending = new Queue<(int Pid, ulong StartTime)>([(pid, root.StartTime)]);
        while (pending.TryDequeue(out var member))
        {
            members.Add(member);
            foreach (var child in children.GetValueOrDefault(member.Pid) ?? [])
            {
                pending.Enqueue(child);
            }
        }

        return new ProcessTree(members);
    }

    /// <summary>The members still running (the same processes, not later ones with a reused pid).</summary>
    public IReadOnlyList<int> Alive() => [.. _members.Where(m => ReadStat(m.Pid)?.StartTime == m.StartTime && !IsZombie(m.Pid)).Select(m => m.Pid)];

    /// <summary>SIGKILL to every member still running.</summary>
    public void KillAll()
    {
        foreach (var pid in Alive())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone in the meantime.
            }
        }
    }

    /// <summary>SIGTERM, as Ctrl+C in a terminal or a container stop does (.NET's <see cref="Process.Kill()"/> only sends SIGKILL).</summary>
    public static async Task TerminateAsync(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("The kill command could not be started.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {pid} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Whether <paramref name="pid"/> runs now and is the same process as when the tree was read.</summary>
    public bool IsAlive(int pid) => _members.Any(m => m.Pid == pid && ReadStat(pid)?.StartTime == m.StartTime && !IsZombie(pid));

    private static bool IsZombie(int pid) => ReadStat(pid)?.State is 'Z' or 'X';

    /// <summary>Fields of <c>/proc/{pid}/stat</c>: state (3), parent pid (4), start time (22). The command (2) may hold spaces and parentheses.</summary>
    private static (char State, int ParentPid, ulong StartTime)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
