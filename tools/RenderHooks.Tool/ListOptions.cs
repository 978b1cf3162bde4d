namespace RenderHooks.Tool;

/// <summary>The <c>--name value</c> options of a listing command, and <c>--all</c>; anything else is an error naming it.</summary>
internal sealed class ListOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public bool All { get; private set; }

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    public static bool TryParse(IReadOnlyList<string> args, IReadOnlyCollection<string> names, out ListOptions options, out string? error)
    {
        options = new ListOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--all")
            {
                options.All = true;
                continue;
            }

            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
            if (name is null || !names.Contains(name))
            {
                error = $"Unknown option '{arg}'; the options are: {string.Join(", ", names.Select(n => "--" + n))}, --all.";
                return false;
            }

            if (i + 1 >= args.Count || options._values.ContainsKey(name))
            {
                error = $"--{name} takes one value, given once.";
                return false;
            }

            options._values[name] = args[++i];
        }

        return true;
    }
}
