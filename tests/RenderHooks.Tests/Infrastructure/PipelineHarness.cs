using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderHooks.Intake;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>The library composed as a host would compose it, on Azurite, with queue and table names of its own.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly IHost _host;

    private PipelineHarness(IHost host, PipelineNames names)
    {
        _host = host;
        Names = names;
    }

    public PipelineNames Names { get; }

    public IServiceProvider Services => _host.Services;

    public RenderHooksStorage Storage => Services.GetRequiredService<RenderHooksStorage>();

    public WebhookIntake Intake => Services.GetRequiredService<WebhookIntake>();

    public DeliveryProcessor Processor => Services.GetRequiredService<DeliveryProcessor>();

    public JobQueries Jobs => Services.GetRequiredService<JobQueries>();

    public JobRegistry Registry => Services.GetRequiredService<JobRegistry>();

    public Reconciler Reconciler => Services.GetRequiredService<Reconciler>();

    /// <summary>Posts a webhook and processes it, as intake and the queue trigger would.</summary>
    public async Task<ProcessingResult> DeliverAsync(string provider, string body, string contentType = "application/json")
    {
        var accepted = await PostAsync(provider, body, contentType);
        if (accepted.Status != IntakeStatus.Accepted)
        {
            throw new InvalidOperationException($"Intake refused the webhook: {accepted.Status}.");
        }

        var message = (await ReceiveDeliveriesAsync()).Single();
        return await ProcessAsync(message);
    }

    /// <summary>Takes every event now in the events queue off it, parsed.</summary>
    public async Task<IReadOnlyList<JsonElement>> TakeEventsAsync()
    {
        var all = new List<JsonElement>();
        while (true)
        {
            QueueMessage[] batch = await Storage.EventsQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                all.Add(JsonDocument.Parse(message.Body.ToMemory()).RootElement.Clone());
                await Storage.EventsQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public static async Task<PipelineHarness> CreateAsync(
        AzuriteFixture azurite, Action<IServiceCollection>? services = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var names = PipelineNames.Unique(azurite);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // Later settings win, so a test can override the defaults and the names.
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["RenderHooks:WebhookTokens:0"] = Token,
        };
        foreach (var (key, value) in names.AsSettings().Concat(settings ?? []))
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddRenderHooks();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var harness = new PipelineHarness(host, names);
        await harness.Storage.CreateIfNotExistsAsync();
        return harness;
    }

    /// <summary>Sends a webhook through intake, as a host would.</summary>
    public Task<IntakeResult> PostAsync(string provider, string body, string contentType = "application/json", string token = Token) =>
        Intake.AcceptAsync(new IntakeRequest(provider, token, contentType, null, new MemoryStream(TestPayloads.Utf8(body))));

    /// <summary>Takes every message now in the deliveries queue (hidden for a minute, not deleted).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveDeliveriesAsync()
    {
        var all = new List<QueueMessage>();
        while (true)
        {
            QueueMessage[] batch = await Storage.DeliveriesQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    /// <summary>Processes one received message the way a queue trigger does, then deletes it.</summary>
    public async Task<ProcessingResult> ProcessAsync(QueueMessage message)
    {
        var result = await Processor.ProcessAsync(message.Body, new QueueMessageInfo(message.MessageId, message.DequeueCount));
        await Storage.DeliveriesQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return result;
    }

    /// <summary>The events now in the events queue, parsed.</summary>
    public async Task<IReadOnlyList<JsonElement>> PeekEventsAsync()
    {
        var bodies = await Storage.EventsQueue.PeekBodiesAsync();
        return [.. bodies.Select(body => JsonDocument.Parse(body.ToMemory()).RootElement.Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        await Storage.DeleteAllAsync();
        _host.Dispose();
    }
}
