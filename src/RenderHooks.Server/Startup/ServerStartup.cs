using Microsoft.Extensions.Options;
using RenderHooks.Storage;

namespace RenderHooks.Server.Startup;

/// <summary>
/// Checks made before the host starts, so that a setting refused by validation or a missing storage setting fails
/// here, as an exception <see cref="StartupFailure"/> describes in one line, before anything is logged.
/// </summary>
internal static class ServerStartup
{
    public static void CheckSettings(IServiceProvider services)
    {
        // Every ValidateOnStart() registration, as the host would run them at start.
        services.GetService<IStartupValidator>()?.Validate();

        try
        {
            _ = services.GetRequiredService<StorageAccount>();

            // Its clients need every service's endpoint: a blob endpoint the setting does not give is refused here.
            _ = services.GetRequiredService<RenderHooksStorage>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // StorageAccount reads only AzureWebJobsStorage(__*): what it refuses is that setting.
            var fix = e.Message.Contains(StorageAccount.DefaultConnectionName, StringComparison.Ordinal)
                ? string.Empty
                : $" Fix the setting '{StorageAccount.DefaultConnectionName}' and start again.";
            throw new StorageSettingException(e.Message + fix, e);
        }
    }
}
