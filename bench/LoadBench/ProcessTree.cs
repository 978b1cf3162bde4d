using System.Globalization;

namespace RenderHooks.LoadBench;

/// <summary>A process's descendants, from Linux's <c>/proc</c>: the Functions host's isolated worker, Core Tools' real <c>func</c> behind its npm shim.</summary>
internal static class ProcessTree
{
    /// <summary>The pids of <paramref name="pid"/>'s descendants alive now (not <paramref name="pid"/> itself).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate) && ParentOf(candidate) is { } parent)
            {
                parents[candidate] = parent;
            }
        }

        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var child in parents.Where(p => p.Value == current).Select(p => p.Key))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Field 4 of <c>/proc/{pid}/stat</c>; the command before it may hold spaces and parentheses.</summary>
    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
