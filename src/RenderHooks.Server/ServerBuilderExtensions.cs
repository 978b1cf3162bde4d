using RenderHooks.Serialization;
using RenderHooks.Server.Management;
using RenderHooks.Server.Queues;

namespace RenderHooks.Server;

/// <summary>What the server adds to the library: the queue consumer, storage set-up, the management key, log hygiene.</summary>
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

        // A webhook URL holds the secret token. These categories write the request path or target: the hosting
        // diagnostics in a line at Information and in a scope on every line of the request whenever the category is
        // on at all, routing's matcher and Kestrel's bad-request log at Debug. A test turns logging up to Trace and
        // looks for the token in every line and scope.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information);

        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<QueueListenerOptions>().BindConfiguration(QueueListenerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<StorageReadiness>();
        builder.Services.AddHostedService<StorageInitializer>();
        builder.Services.AddHostedService<DeliveryQueueListener>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => RenderHooksJson.Configure(json.SerializerOptions));
        return builder;
    }
}
