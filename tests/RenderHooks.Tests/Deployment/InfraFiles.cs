using System.Text.Json;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// The deployment files of the repository (azure.yaml, infra/, local.settings.sample.json) as files. What the Bicep
/// deploys is read from the compiled template and its snapshot (<see cref="CompiledInfra"/>), not from its text.
/// </summary>
internal static class InfraFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public static string Read(string relative)
    {
        var path = Path(relative);
        Assert.True(File.Exists(path), $"{relative} is missing.");
        return File.ReadAllText(path);
    }

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
}
