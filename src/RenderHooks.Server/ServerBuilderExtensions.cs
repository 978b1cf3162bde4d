using RenderHooks.Serialization;
using RenderHooks.Server.Management;
using RenderHooks.Server.Queues;

namespace RenderHooks.Server;

/// <summary>What the server adds to the library: the queue consumer, storage set-up, the management key, log hygiene.</summary>
internal static class ServerBuilderExtensions
{
    public static WebApplicationBuilder AddRenderHooksServer(this WebApplicationBuilder builder)
    {
        // The hosting diagnostics log every request URL at Information, and a webhook URL holds the secret token.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

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
