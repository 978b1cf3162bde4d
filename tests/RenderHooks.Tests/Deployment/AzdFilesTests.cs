using System.Text.RegularExpressions;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Reconciliation;

namespace RenderHooks.Tests.Deployment;

/// <summary>azure.yaml, main.bicep and main.parameters.json agree with each other, with the project and with the library.</summary>
public sealed partial class AzdFilesTests
{
    [Fact]
    public void EveryParameterWithoutDefault_IsInTheParametersFile_AndEveryEntryIsAParameter()
    {
        var parameters = InfraFiles.Parameters(InfraFiles.Read("infra/main.bicep"));
        var mapped = InfraFiles.ParameterFileValues();

        Assert.NotEmpty(parameters);
        var unmapped = parameters.Where(p => p.Default is null && !mapped.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        Assert.True(unmapped.Count == 0, $"main.bicep parameters without a default that main.parameters.json does not give: {string.Join(", ", unmapped)}");
        var unknown = mapped.Keys.Where(k => parameters.All(p => p.Name != k)).ToList();
        Assert.True(unknown.Count == 0, $"main.parameters.json entries main.bicep does not declare: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void ParametersWithADefault_KeepItWhenTheirVariableIsUnset()
    {
        // azd passes an empty ${VAR} as "" over a non-empty Bicep default, so such a mapping needs ${VAR=default}.
        var parameters = InfraFiles.Parameters(InfraFiles.Read("infra/main.bicep"));

        foreach (var (name, value) in InfraFiles.ParameterFileValues())
        {
            var parameter = parameters.Single(p => p.Name == name);
            if (parameter.Default is null || parameter.Type != "string" || InfraFiles.Unquote(parameter.Default).Length == 0)
            {
                continue;
            }

            var substitution = Substitution().Match(value);
            Assert.True(substitution.Success && substitution.Groups["default"].Success, $"{name} maps to {value}: give it the Bicep default, ${{VAR=…}}.");
            Assert.Equal(InfraFiles.Unquote(parameter.Default), substitution.Groups["default"].Value);
        }
    }

    [Fact]
    public void Defaults_AreTheLibrarys()
    {
        var parameters = InfraFiles.Parameters(InfraFiles.Read("infra/main.bicep"));
        string Default(string name) => InfraFiles.Unquote(parameters.Single(p => p.Name == name).Default!);

        Assert.Equal(new ReconcileOptions().Schedule, Default("reconcileSchedule"));
        Assert.True(ReconcileSchedule.TryParse(Default("reconcileSchedule"), out _));
        Assert.Equal(Json2VideoStatusOptions.DefaultBaseUrl, new Uri(Default("json2VideoBaseUrl")));
        Assert.Equal("", Default("phantomFlowBaseUrl")); // no default in the library either: PhantomFlow reconciliation is opt-in
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionsProject_ToTheAppTaggedWithItsServiceName()
    {
        var lines = InfraFiles.Read("azure.yaml").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var services = lines.IndexOf("services:");
        Assert.True(services >= 0, "azure.yaml has no services.");
        var service = lines[services + 1];
        var serviceName = Regex.Match(service, @"^  (?<name>[a-z0-9-]+):$").Groups["name"].Value;
        var properties = lines.Skip(services + 2).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());

        Assert.Equal("function", properties["host"]);
        Assert.Equal("dotnet", properties["language"]);
        var project = InfraFiles.Path(properties["project"]);
        Assert.True(File.Exists(Path.Combine(project, "RenderHooks.Functions.csproj")), $"{properties["project"]} does not hold the Functions project.");

        Assert.NotEqual("", serviceName);
        Assert.Equal(serviceName, ServiceNameVariable());
        Assert.Contains("'azd-service-name': serviceName", InfraFiles.Read("infra/app/function-app.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_HookScriptsExist()
    {
        var runs = Regex.Matches(InfraFiles.Read("azure.yaml"), @"run: (?<path>\S+)").Select(m => m.Groups["path"].Value).ToList();

        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.True(File.Exists(InfraFiles.Path(run)), $"{run} is missing."));
    }

    [Fact]
    public void TheRuntimeVersion_IsTheTargetFramework()
    {
        var runtime = Runtime().Match(InfraFiles.Read("infra/app/function-app.bicep"));
        var targetFramework = Regex.Match(InfraFiles.Read("Directory.Build.props"), "<TargetFramework>net(?<version>[0-9.]+)</TargetFramework>").Groups["version"].Value;

        Assert.True(runtime.Success, "function-app.bicep has no functionAppConfig.runtime with a name and a version.");
        Assert.Equal("dotnet-isolated", runtime.Groups["name"].Value);
        Assert.Equal(targetFramework, runtime.Groups["version"].Value);
        Assert.Matches(@"^\d+\.\d+$", runtime.Groups["version"].Value); // '10.0', not '10': Flex Consumption takes '10' and the host never starts
    }

    private static string ServiceNameVariable() =>
        Regex.Match(InfraFiles.Read("infra/main.bicep"), @"^var serviceName = '(?<name>[^']+)'", RegexOptions.Multiline).Groups["name"].Value;

    [GeneratedRegex(@"runtime: \{\s*name: '(?<name>[^']+)'[^}]*?version: '(?<version>[^']+)'")]
    private static partial Regex Runtime();

    [GeneratedRegex(@"^\$\{(?<variable>[A-Z0-9_]+)(?:=(?<default>[^}]*))?\}$")]
    private static partial Regex Substitution();
}
