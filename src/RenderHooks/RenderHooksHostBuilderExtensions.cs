using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Deliveries;
using RenderHooks.Health;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Reconciliation;
using RenderHooks.Security;
using RenderHooks.Storage;

namespace RenderHooks;

/// <summary>The one composition method both hosts call.</summary>
public static class RenderHooksHostBuilderExtensions
{
    /// <summary>
    /// Registers the pipeline: options (validated at start, each provider's allowed webhook sources among them), the storage account from <c>AzureWebJobsStorage</c>,
    /// the provider adapters, intake, processing, job queries and registration, the providers' status clients,
    /// reconciliation (and a start-up log line per provider saying whether it is on), the health probe, and the log filters that keep webhook tokens out of ASP.NET Core's logs.
    /// </summary>
    public static IHostApplicationBuilder AddRenderHooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.Logging.KeepWebhookTokensOut();

        services.AddOptions<WebhookTokenOptions>().BindConfiguration(WebhookTokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookTokenOptions>, WebhookTokenSampleCheck>());
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageNamesOptions>().BindConfiguration(StorageNamesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageProvisioningOptions>().BindConfiguration(StorageProvisioningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProcessingOptions>().BindConfiguration(ProcessingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReconcileOptions>().BindConfiguration(ReconcileOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        foreach (var (provider, section) in WebhookSourceOptions.Sections)
        {
            services.AddOptions<WebhookSourceOptions>(provider).BindConfiguration(section).ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookSourceOptions>, WebhookSourceOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StorageAccount.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<RenderHooksStorage>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderAdapter, PhantomFlowAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderAdapter, Json2VideoAdapter>());
        services.TryAddSingleton<ProviderAdapterCatalog>();

        services.TryAddSingleton<WebhookTokenValidator>();
        services.TryAddSingleton<WebhookSourceCheck>();
        services.TryAddSingleton<WebhookIntake>();

        services.TryAddSingleton<DueIndex>();
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<JobRecorder>();
        services.TryAddSingleton<FlaggedDeliveryIndex>();
        services.TryAddSingleton<DeliveryArchive>();
        services.TryAddSingleton(sp => new DeliveryListing(sp.GetRequiredService<RenderHooksStorage>()));
        services.TryAddSingleton(sp => new JobListing(sp.GetRequiredService<RenderHooksStorage>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<EventOutbox>();
        services.TryAddSingleton<PayloadStore>();
        services.TryAddSingleton(sp => new DeliveryProcessor(
            sp.GetRequiredService<ProviderAdapterCatalog>(),
            sp.GetRequiredService<JobRecorder>(),
            sp.GetRequiredService<DeliveryArchive>(),
            sp.GetRequiredService<EventOutbox>(),
            sp.GetRequiredService<PayloadStore>(),
            sp.GetRequiredService<ILogger<DeliveryProcessor>>()));
        services.TryAddSingleton(sp => new JobQueries(sp.GetRequiredService<RenderHooksStorage>(), sp.GetRequiredService<DeliveryArchive>()));
        services.TryAddSingleton(sp => new JobRegistry(
            sp.GetRequiredService<JobStore>(),
            sp.GetRequiredService<DeliveryArchive>(),
            sp.GetRequiredService<CheckPlanner>(),
            sp.GetRequiredService<IOptions<ProcessingOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<JobRegistry>>()));

        services.AddProviderStatusClients();
        services.TryAddSingleton<CheckPlanner>();
        services.TryAddSingleton<JobChecker>();
        services.TryAddSingleton(sp => new Reconciler(
            sp.GetRequiredService<DueIndex>(),
            sp.GetRequiredService<JobChecker>(),
            sp.GetServices<IProviderStatusClient>(),
            sp.GetRequiredService<IOptions<ReconcileOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Reconciler>>()));

        services.TryAddSingleton(sp => new ReconciliationSettings(sp.GetServices<IProviderStatusClient>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReconciliationStartupLog>());

        services.TryAddSingleton<HealthProbe>();
        services.TryAddSingleton<HealthMonitor>();
        services.TryAddSingleton<PoisonRequeuer>();
        return builder;
    }
}
