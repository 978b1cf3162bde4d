using System.Text.Json;
using System.Text.RegularExpressions;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// The deployment files of the repository (azure.yaml, infra/, local.settings.sample.json), read as text. No Bicep
/// compiler runs here, so the tests read the files the way a reviewer does: parameter lines, setting names, literals.
/// </summary>
internal static partial class InfraFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public static string Read(string relative)
    {
        var path = Path(relative);
        Assert.True(File.Exists(path), $"{relative} is missing.");
        return File.ReadAllText(path);
    }

    /// <summary>Every Bicep file under infra/, by path relative to the repository root.</summary>
    public static IReadOnlyDictionary<string, string> AllBicep() =>
        Directory.EnumerateFiles(Path("infra"), "*.bicep", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText);

    /// <summary>The <c>Values</c> of local.settings.sample.json: every setting the Functions app reads.</summary>
    public static IReadOnlyDictionary<string, string> SampleSettings() => JsonObject("local.settings.sample.json", "Values");

    /// <summary>infra/app-settings.json: the contract's settings with a fixed value in Azure.</summary>
    public static IReadOnlyDictionary<string, string> ContractSettings() => JsonObject("infra/app-settings.json", null);

    /// <summary>The <c>value</c> of each parameter in infra/main.parameters.json (azd substitutes <c>${VAR}</c> in them).</summary>
    public static IReadOnlyDictionary<string, string> ParameterFileValues()
    {
        using var document = JsonDocument.Parse(Read("infra/main.parameters.json"));
        return document.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString() ?? "");
    }

    /// <summary>The <c>param</c> declarations of a Bicep file: name, type, default literal (null without one), and the decorators above it.</summary>
    public static IReadOnlyList<BicepParameter> Parameters(string bicep)
    {
        var parameters = new List<BicepParameter>();
        var decorators = new List<string>();
        foreach (var line in bicep.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var match = ParameterLine().Match(line);
            if (match.Success)
            {
                var defaultValue = match.Groups["default"].Success ? match.Groups["default"].Value.Trim() : null;
                parameters.Add(new BicepParameter(match.Groups["name"].Value, match.Groups["type"].Value, defaultValue, string.Join('\n', decorators)));
                decorators.Clear();
            }
            else if (line.Length > 0 && !line.StartsWith(' ') && !line.StartsWith('@') && !line.StartsWith('}') && !line.StartsWith(')') && !line.StartsWith(']'))
            {
                decorators.Clear();
            }
            else
            {
                decorators.Add(line);
            }
        }

        return parameters;
    }

    /// <summary>The app setting names a Bicep text assigns (object keys such as <c>RenderHooks__X: …</c>).</summary>
    public static IReadOnlySet<string> AssignedSettingNames(string bicep) =>
        SettingKey().Matches(bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The literal a Bicep text assigns to a key (<c>key: 'literal'</c>), or null.</summary>
    public static string? LiteralOf(string bicep, string key)
    {
        var match = Regex.Match(bicep, $@"\b{Regex.Escape(key)}\s*:\s*'(?<value>[^']*)'");
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>Strips a Bicep string literal's quotes (<c>'x'</c> → <c>x</c>).</summary>
    public static string Unquote(string literal) => literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\'' ? literal[1..^1] : literal;

    private static Dictionary<string, string> JsonObject(string relative, string? property)
    {
        using var document = JsonDocument.Parse(Read(relative));
        var element = property is null ? document.RootElement : document.RootElement.GetProperty(property);
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above '{AppContext.BaseDirectory}': the tests must run from the repository.");
    }

    [GeneratedRegex(@"^param (?<name>\w+) (?<type>\w+)(?: = (?<default>.+))?$")]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"\b(?<name>(?:RenderHooks__|AzureWebJobsStorage|APPLICATIONINSIGHTS_)\w*)\s*:")]
    private static partial Regex SettingKey();
}

internal sealed record BicepParameter(string Name, string Type, string? Default, string Decorators)
{
    public bool IsSecure => Decorators.Contains("@secure()", StringComparison.Ordinal);
}
