using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RenderHooks.Serialization;
using RenderHooks.Storage;
using RenderHooks.Server.Hooks;
using RenderHooks.Server.Management;
using RenderHooks.Server.Proxies;
using RenderHooks.Server.Queues;
using RenderHooks.Server.Reconciliation;
using RenderHooks.Server.Startup;

namespace RenderHooks.Server;

/// <summary>
/// What the server adds to the library: the queue consumer, the reconciliation schedule, storage set-up, the management
/// key, and which proxies' <c>X-Forwarded-For</c> it believes (Program.cs runs <c>UseForwardedHeaders</c> first).
/// </summary>
internal static class ServerBuilderExtensions
{
    /// <summary>Where the server listens when no URL is configured: the Functions host's local port.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplicationBuilder AddRenderHooksServer(this WebApplicationBuilder builder)
    {
        // Any configured address wins (ASPNETCORE_URLS, URLS, --urls, ASPNETCORE_HTTP_PORTS, Kestrel endpoints).
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // A start refused for a setting or a taken address is told in one line (Program.cs), not also logged with its stack.
        builder.Logging.AddSampler(new StartupFailureLogSampler());

        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ManagementOptions>, ManagementKeySampleCheck>());
        builder.Services.AddOptions<QueueListenerOptions>().BindConfiguration(QueueListenerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPostConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();

        builder.Services.AddSingleton<IPostConfigureOptions<KestrelServerOptions>, KestrelBodyLimit>();
        builder.Services.AddStorageProvisioning();
        builder.Services.AddHostedService<DeliveryQueueListener>();
        builder.Services.AddHostedService<ReconcileScheduler>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => RenderHooksJson.Configure(json.SerializerOptions));
        return builder;
    }
}
