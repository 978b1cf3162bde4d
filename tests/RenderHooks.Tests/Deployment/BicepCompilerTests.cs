using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderHooks.Tests.Deployment;

/// <summary>infra/ compiles and lints with no warning at all, with every linter rule an error.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class BicepCompilerTests(CompiledInfra infra)
{
    [Fact]
    public void Build_ReportsNoWarningOrError()
    {
        Assert.Equal(0, infra.Build.ExitCode);
        Assert.True(infra.Build.Diagnostics.Count == 0, $"bicep build:\n{string.Join('\n', infra.Build.Diagnostics)}");
    }

    [Fact]
    public void Lint_ReportsNoWarningOrError()
    {
        Assert.True(infra.Lint.ExitCode == 0 && infra.Lint.Diagnostics.Count == 0, $"bicep lint (exit {infra.Lint.ExitCode}):\n{infra.Lint.Output}\n{infra.Lint.Error}");
    }

    [Fact]
    public void Snapshots_ReportNoDiagnostics()
    {
        Assert.Empty(infra.Full.Diagnostics);
        Assert.Empty(infra.Minimal.Diagnostics);
    }

    [Fact]
    public void BicepConfig_MakesEveryLinterRuleAnError_ButTheTwoThatDependOnTheDayOrOnWhatIf()
    {
        using var config = JsonDocument.Parse(InfraFiles.Read("infra/bicepconfig.json"), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var levels = core.GetProperty("rules").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetProperty("level").GetString());

        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.Equal("off", levels["use-recent-api-versions"]); // fails by itself as API versions age
        Assert.Equal("off", levels["what-if-short-circuiting"]); // module names and ids passed as parameters, as the azd templates do
        Assert.All(levels.Where(l => l.Key is not ("use-recent-api-versions" or "what-if-short-circuiting")), l => Assert.Equal("error", l.Value));
        Assert.Contains("no-unused-params", levels.Keys);
        Assert.Contains("secure-secrets-in-params", levels.Keys);
        Assert.Contains("outputs-should-not-contain-secrets", levels.Keys);
    }

    [Fact]
    public async Task TheGate_SeesACompilerWarningAndALintError()
    {
        // A copy of infra/ with a made-up property on the site (a compiler warning, BCP037) and an unused variable
        // (a linter rule, error level in bicepconfig.json): what the two tests above would then report.
        var copy = Path.Combine(Path.GetTempPath(), "renderhooks-bicep-gate-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(InfraFiles.Path("infra"), copy);
        try
        {
            var functionApp = Path.Combine(copy, "app", "function-app.bicep");
            await File.WriteAllTextAsync(functionApp, (await File.ReadAllTextAsync(functionApp)).Replace("httpsOnly: true", "httpsOnly: true\n    madeUpProperty: 1", StringComparison.Ordinal));
            await File.AppendAllTextAsync(Path.Combine(copy, "main.bicep"), "\nvar notUsed = 1\n");

            var build = await BicepCli.RunAsync(["build", Path.Combine(copy, "main.bicep"), "--stdout"], copy);
            var lint = await BicepCli.RunAsync(["lint", Path.Combine(copy, "main.bicep")], copy);

            Assert.Contains(build.Diagnostics, d => d.Contains("Warning BCP037", StringComparison.Ordinal) && d.Contains("madeUpProperty", StringComparison.Ordinal));
            Assert.Contains(lint.Diagnostics, d => d.Contains("Error no-unused-vars", StringComparison.Ordinal));
            Assert.NotEqual(0, lint.ExitCode);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void TheTemplate_IsCompiledByThePinnedCli()
    {
        var generator = infra.Template["metadata"]!["_generator"]!.AsObject();

        Assert.Equal("bicep", (string?)generator["name"]);
        Assert.StartsWith(BicepCli.Version + ".", (string?)generator["version"], StringComparison.Ordinal);
        Assert.IsType<JsonObject>(infra.Template["parameters"]);
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
