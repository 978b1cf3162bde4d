using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;

namespace RenderHooks.Providers.StatusApi;

/// <summary>Registers the provider status API clients.</summary>
internal static class StatusApiServiceCollectionExtensions
{
    /// <summary>The largest answer read; a status answer is a few kilobytes.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>
    /// Registers <see cref="PhantomFlowStatusOptions"/> and <see cref="Json2VideoStatusOptions"/> (validated at start) and both
    /// clients as <see cref="IProviderStatusClient"/>: typed <see cref="HttpClient"/>s with the status resilience pipeline,
    /// no redirects, no cookies, and pooled connections recycled every few minutes so a client held by a singleton still
    /// follows DNS changes. Safe to call more than once.
    /// </summary>
    internal static IServiceCollection AddProviderStatusClients(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PhantomFlowStatusClient)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PhantomFlowStatusOptions>().BindConfiguration(PhantomFlowStatusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Json2VideoStatusOptions>().BindConfiguration(Json2VideoStatusOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        AddStatusHttpClient<PhantomFlowStatusClient, PhantomFlowStatusOptions>(services);
        AddStatusHttpClient<Json2VideoStatusClient, Json2VideoStatusOptions>(services);

        services.TryAddEnumerable(ServiceDescriptor.Transient<IProviderStatusClient, PhantomFlowStatusClient>(sp => sp.GetRequiredService<PhantomFlowStatusClient>()));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IProviderStatusClient, Json2VideoStatusClient>(sp => sp.GetRequiredService<Json2VideoStatusClient>()));
        return services;
    }

    private static void AddStatusHttpClient<TClient, TOptions>(IServiceCollection services)
        where TClient : class
        where TOptions : ProviderStatusOptions
    {
        var client = services
            .AddHttpClient<TClient>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;

                // The pipeline's total timeout fires first (the body is read inside it, BufferedAnswerHandler).
                client.Timeout = StatusApiPipeline.TotalTimeout(options) + options.Timeout;
                client.MaxResponseContentBufferSize = MaxAnswerBytes;
            })
            .UseSocketsHttpHandler((handler, _) =>
            {
                handler.AllowAutoRedirect = false;
                handler.UseCookies = false;
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        client.AddResilienceHandler("status", (builder, context) =>
            StatusApiPipeline.Configure(builder, context.GetOptions<TOptions>(), context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Inside the pipeline (added after it, so nearer the socket): each attempt reads its whole answer, and a body
        // cut off mid-way is retried like any broken connection.
        client.AddHttpMessageHandler(() => new BufferedAnswerHandler());
    }
}
