extern alias functions;

using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;
using AppComposition = functions::RenderHooks.Functions.FunctionsApp;
using ProcessDelivery = functions::RenderHooks.Functions.Processing.ProcessDelivery;
using QueueMessage = Azure.Storage.Queues.Models.QueueMessage;
using QueueMessageEncoding = Azure.Storage.Queues.QueueMessageEncoding;
using ReconcileJobs = functions::RenderHooks.Functions.Reconciliation.ReconcileJobs;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// The Functions app in process, on Azurite. Its host is built by the app's own composition
/// (<c>FunctionsApp.CreateBuilder</c>, what <c>Program.cs</c> runs), and started as far as the worker starts it short of
/// connecting to a Functions host: the options are validated and the hosted service that creates the queues and tables
/// runs. Its functions are called as the worker calls them — each instance made from a new invocation scope
/// (<c>ActivatorUtilities</c>, as the worker's <c>DefaultFunctionActivator</c>); the queue trigger gets a
/// <see cref="QueueMessage"/> made as the worker's converter makes it; HTTP triggers go through
/// <see cref="FunctionsHttpHandler"/>. What the Functions host does around them — function keys, retrying a failed
/// message and poisoning it — is the host's, and is tested under a real host (tests/…/FunctionsHost).
/// </summary>
public sealed class FunctionsAppHost : IAsyncDisposable
{
    /// <summary>host.json's <c>extensions.queues.batchSize</c>: how many messages the host hands the worker at once.</summary>
    private const int BatchSize = 16;

    private readonly IHost _host;
    private readonly StorageProvisioner _provisioner;

    private FunctionsAppHost(IHost host, StorageProvisioner provisioner, QueueClient deliveries, CapturedLogs logs)
    {
        _host = host;
        _provisioner = provisioner;
        DeliveriesQueue = deliveries;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;

    public RenderHooksStorage Storage => Services.GetRequiredService<RenderHooksStorage>();

    public CapturedLogs Logs { get; }

    /// <summary>The deliveries queue as the host's queue trigger reads it: the Azure SDK with host.json's base64 encoding.</summary>
    public QueueClient DeliveriesQueue { get; }

    /// <summary>
    /// Builds the app's host with these settings (later ones win) and starts it, in the Production environment unless
    /// <paramref name="environment"/> names another: the worker reads it from <c>AZURE_FUNCTIONS_ENVIRONMENT</c>
    /// (<c>func start</c> sets <c>Development</c>), a process-wide variable a test does not set, so it is set on the
    /// builder instead.
    /// </summary>
    public static async Task<FunctionsAppHost> StartAsync(
        string connectionString, string deliveriesQueue, IEnumerable<KeyValuePair<string, string?>> settings, string? environment = null)
    {
        var builder = AppComposition.CreateBuilder([]);
        if (environment is not null)
        {
            builder.Environment.EnvironmentName = environment;
        }

        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["AzureWebJobsStorage"] = connectionString };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturedLogs();
        // The test reads the captured logs; the console's copy would bury the test run's progress.
        builder.Logging.ClearProviders().AddProvider(logs);
        // RenderHooks' own hosted services (the start-up log of reconciliation), as the worker starts every hosted service.
        var ownHostedServices = builder.Services
            .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(ReconciliationSettings).Assembly)
            .Select(d => d.ImplementationType!)
            .ToList();
        var host = builder.Build();

        // What IHost.StartAsync does first (ValidateOnStart), then the app's own hosted service. The worker's hosted
        // services (the gRPC connection to the Functions host, the ASP.NET Core proxy) are not resolved or started.
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var provisioner = host.Services.GetRequiredService<StorageProvisioner>();
        await provisioner.StartAsync(CancellationToken.None);
        foreach (var type in ownHostedServices)
        {
            await ((IHostedService)ActivatorUtilities.CreateInstance(host.Services, type)).StartAsync(CancellationToken.None);
        }

        // As the host's queue trigger reads it (base64), at the service version RenderHooks pins, which Azurite accepts.
        var queue = new QueueClient(
            connectionString, deliveriesQueue, new QueueClientOptions(StorageClientDefaults.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });
        return new FunctionsAppHost(host, provisioner, queue, logs);
    }

    /// <summary>Completes once the app's queues and tables exist (at most 30 s).</summary>
    public Task WaitUntilReadyAsync() => _provisioner.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>A client whose requests the app's HTTP functions answer (<see cref="FunctionsHttpHandler"/>).</summary>
    public HttpClient CreateClient() => new(new FunctionsHttpHandler(this)) { BaseAddress = new Uri("http://localhost") };

    /// <summary>Calls a function as the worker does: an instance made from a new invocation scope.</summary>
    public async Task<TResult> InvokeAsync<TFunction, TResult>(Func<TFunction, IServiceProvider, Task<TResult>> call)
        where TFunction : class
    {
        await using var scope = Services.CreateAsyncScope();
        var function = ActivatorUtilities.CreateInstance<TFunction>(scope.ServiceProvider);
        return await call(function, scope.ServiceProvider);
    }

    /// <summary>Calls a function that returns nothing, as <see cref="InvokeAsync{TFunction, TResult}"/> does.</summary>
    public Task InvokeAsync<TFunction>(Func<TFunction, Task> call)
        where TFunction : class =>
        InvokeAsync<TFunction, bool>(async (function, _) =>
        {
            await call(function);
            return true;
        });

    /// <summary>
    /// The queue message the worker hands <c>ProcessDelivery</c> for one the host received: the worker's converter
    /// rebuilds it with <see cref="QueuesModelFactory"/> from the host's fields, the body from its decoded text.
    /// </summary>
    public static QueueMessage AsTriggerInput(QueueMessage received)
    {
        ArgumentNullException.ThrowIfNull(received);
        return QueuesModelFactory.QueueMessage(
            received.MessageId, received.PopReceipt, received.Body.ToString(), received.DequeueCount,
            received.NextVisibleOn, received.InsertedOn, received.ExpiresOn);
    }

    /// <summary>Runs <c>ProcessDelivery</c> on one message; an exception reaches the caller, as it reaches the host.</summary>
    public Task ProcessAsync(QueueMessage message) =>
        InvokeAsync<ProcessDelivery>(f => f.RunAsync(AsTriggerInput(message), CancellationToken.None));

    /// <summary>
    /// Does the queue trigger's part until the deliveries queue is empty: takes up to a batch of messages, runs
    /// <c>ProcessDelivery</c> on each at once and deletes each it completed. A message whose run threw stays (the host
    /// would retry it) and the exception is thrown once the batch is done.
    /// </summary>
    public async Task<int> ProcessDeliveriesAsync()
    {
        var processed = 0;
        while (true)
        {
            QueueMessage[] batch = await DeliveriesQueue.ReceiveMessagesAsync(BatchSize, TimeSpan.FromMinutes(1));
            if (batch.Length == 0)
            {
                return processed;
            }

            await Task.WhenAll(batch.Select(async message =>
            {
                await ProcessAsync(message);
                await DeliveriesQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }));
            processed += batch.Length;
        }
    }

    /// <summary>Runs <c>ReconcileJobs</c> as the timer fires it.</summary>
    public Task ReconcileAsync(TimerInfo? timer = null) =>
        InvokeAsync<ReconcileJobs>(f => f.RunAsync(timer ?? new TimerInfo(), CancellationToken.None));

    public Task DeleteStorageAsync() => Storage.DeleteAllAsync();

    public async ValueTask DisposeAsync()
    {
        await _provisioner.StopAsync(CancellationToken.None);
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
