using System.Diagnostics;
using System.Globalization;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// How to run a real Azure Functions host over the app's build output: the host named by
/// <c>RENDERHOOKS_FUNCTIONS_HOST</c> (the path of <c>Microsoft.Azure.WebJobs.Script.WebHost.dll</c>, e.g. one built by
/// ../shared/functions-host/build.sh), else Core Tools' <c>func</c> on PATH. Each run gets a work folder of its own:
/// the host's secrets (function keys), logs, data protection keys and temporary files go there, never to the host's
/// folder or a developer's <c>func start</c>.
/// </summary>
internal sealed class FunctionsHostCommand
{
    public const string HostVariable = "RENDERHOOKS_FUNCTIONS_HOST";

    public const string HowToEnable =
        "No Azure Functions host: set " + HostVariable + " to the path of Microsoft.Azure.WebJobs.Script.WebHost.dll " +
        "(../shared/functions-host/build.sh builds one) or put Core Tools' func on PATH.";

    /// <summary>Inherited settings that would change what the host does: the Linux Consumption wait, encrypted keys, someone's real telemetry.</summary>
    private static readonly string[] Unset =
    [
        "CONTAINER_NAME", "WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME", "WEBSITE_AUTH_ENCRYPTION_KEY", "AzureWebEncryptionKey",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPINSIGHTS_INSTRUMENTATIONKEY", "AzureWebJobsSecretStorageKeyVaultUri",
    ];

    private FunctionsHostCommand(string path, bool isCoreTools)
    {
        Path = path;
        IsCoreTools = isCoreTools;
    }

    /// <summary>The WebHost dll, or the <c>func</c> executable.</summary>
    public string Path { get; }

    public bool IsCoreTools { get; }

    public string Description => IsCoreTools ? $"Core Tools ({Path})" : $"the Functions host {Path}";

    /// <summary>The host to use, or null (with <paramref name="reason"/> saying how to get one) where there is none.</summary>
    public static FunctionsHostCommand? Find(out string reason)
    {
        reason = HowToEnable;
        var named = Environment.GetEnvironmentVariable(HostVariable);
        if (!string.IsNullOrEmpty(named))
        {
            // Asked for by name: a wrong path fails the tests (see Require) rather than skipping them quietly.
            return new FunctionsHostCommand(System.IO.Path.GetFullPath(named), isCoreTools: false);
        }

        var func = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, OperatingSystem.IsWindows() ? "func.exe" : "func"))
            .FirstOrDefault(File.Exists);
        return func is null ? null : new FunctionsHostCommand(func, isCoreTools: true);
    }

    /// <summary>The host to use; throws where there is none or where RENDERHOOKS_FUNCTIONS_HOST names a missing file.</summary>
    public static FunctionsHostCommand Require()
    {
        var command = Find(out var reason) ?? throw new InvalidOperationException(reason);
        if (!command.IsCoreTools && !File.Exists(command.Path))
        {
            throw new InvalidOperationException($"{HostVariable} is '{command.Path}', which does not exist. {HowToEnable}");
        }

        return command;
    }

    /// <summary>
    /// Where the host keeps its keys in <paramref name="workFolder"/>: <c>FUNCTIONS_SECRETS_PATH</c> for the WebHost
    /// (WebScriptHostConfigurationSource); Core Tools ignores that setting and uses <c>{TMPDIR}/secrets/functions/secrets</c>
    /// (SelfHostWebHostSettingsFactory), with TMPDIR set to the work folder's own.
    /// </summary>
    public static string SecretsFolder(string workFolder, bool isCoreTools) =>
        isCoreTools ? System.IO.Path.Combine(TempFolder(workFolder), "secrets", "functions", "secrets") : System.IO.Path.Combine(workFolder, "secrets");

    /// <summary>
    /// The host over <paramref name="appFolder"/> on 127.0.0.1:<paramref name="port"/>, with function keys enforced
    /// (the WebHost always does; <c>func start</c> needs <c>--enableAuth</c>) and kept in files in <paramref name="workFolder"/>.
    /// <paramref name="settings"/> are app settings (configuration keys, ':' separated).
    /// </summary>
    public ProcessStartInfo StartInfo(string appFolder, int port, string workFolder, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        Directory.CreateDirectory(TempFolder(workFolder));
        var portText = port.ToString(CultureInfo.InvariantCulture);
        ProcessStartInfo startInfo;
        if (IsCoreTools)
        {
            // --script-root: func changes to the app's build output (no project there, and --no-build: it is built).
            startInfo = new ProcessStartInfo(Path) { WorkingDirectory = workFolder };
            foreach (var argument in new[] { "start", "--script-root", appFolder, "--port", portText, "--no-build", "--enableAuth" })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { WorkingDirectory = workFolder };
            startInfo.ArgumentList.Add(Path);
            startInfo.Environment["AzureWebJobsScriptRoot"] = appFolder;
            startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{portText}";
            startInfo.Environment["FUNCTIONS_SECRETS_PATH"] = SecretsFolder(workFolder, isCoreTools: false);
        }

        foreach (var name in Unset)
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["TMPDIR"] = TempFolder(workFolder);
        startInfo.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        startInfo.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        startInfo.Environment["AzureWebJobsSecretStorageType"] = "files";
        startInfo.Environment["AzureFunctionsJobHost__logging__console__isEnabled"] = "true";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["FUNCTIONS_CORE_TOOLS_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return startInfo;
    }

    private static string TempFolder(string workFolder) => System.IO.Path.Combine(workFolder, "tmp");
}
