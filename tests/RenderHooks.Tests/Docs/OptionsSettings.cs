using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using RenderHooks.Tests.Deployment;

namespace RenderHooks.Tests.Docs;

/// <summary>
/// The settings the options classes of RenderHooks, RenderHooks.Server and RenderHooks.Functions bind, found by
/// reflection: a class with a <c>SectionName</c> or <c>Section</c> constant binds its public settable properties under
/// it; one with a static <c>Sections</c> map (one section per provider) binds them under each.
/// </summary>
internal static partial class OptionsSettings
{
    private const BindingFlags StaticMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(RenderHooks.Intake.IntakeOptions).Assembly,
        typeof(RenderHooks.Server.Queues.QueueListenerOptions).Assembly,
        Assembly.Load("RenderHooks.Functions"),
    ];

    /// <summary>The options classes and the sections each is bound to.</summary>
    public static IReadOnlyDictionary<Type, IReadOnlyList<string>> Classes() =>
        Assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .Select(t => (Type: t, Sections: Sections(t)))
            .Where(t => t.Sections.Count > 0)
            .ToDictionary(t => t.Type, t => (IReadOnlyList<string>)t.Sections);

    public static IReadOnlyList<OptionsSetting> All() =>
        Classes().SelectMany(c => c.Value.SelectMany(section => Settings(c.Key, section))).ToList();

    /// <summary>
    /// The type names the sources bind with <c>AddOptions&lt;T&gt;()…BindConfiguration(…)</c>, read from src/: so an
    /// options class whose section constant has another name is not silently left out of <see cref="Classes"/>.
    /// </summary>
    public static IReadOnlySet<string> BoundInSources() =>
        Directory.EnumerateFiles(InfraFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => BindCall().Matches(File.ReadAllText(f)).Select(m => m.Groups["type"].Value))
            .ToHashSet(StringComparer.Ordinal);

    private static List<string> Sections(Type type)
    {
        var constant = type.GetFields(StaticMembers)
            .Where(f => f is { IsLiteral: true, Name: "SectionName" or "Section" } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var map = type.GetField("Sections", StaticMembers)?.GetValue(null) as IReadOnlyDictionary<string, string>;
        return [.. constant, .. map?.Values ?? []];
    }

    private static IEnumerable<OptionsSetting> Settings(Type type, string section)
    {
        var instance = Activator.CreateInstance(type, nonPublic: true)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var isList = property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);
            var name = $"{section}:{property.Name}" + (isList ? ":{n}" : "");
            yield return new OptionsSetting(name, Format(property.GetValue(instance)), type.Name);
        }
    }

    /// <summary>A default as the table writes it: a TimeSpan in its constant form (<c>1.00:00:00</c>), a bool in lower case.</summary>
    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Uri u => u.OriginalString,
        IEnumerable e when !e.Cast<object>().Any() => null,
        IEnumerable e => string.Join(", ", e.Cast<object>()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    [GeneratedRegex(@"AddOptions<(?<type>\w+)>\([^)]*\)\s*\.BindConfiguration\(")]
    private static partial Regex BindCall();
}
