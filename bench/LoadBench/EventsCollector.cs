using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace RenderHooks.LoadBench;

/// <summary>
/// Consumes <c>renderhooks-events</c> as a consumer would: Get Messages (up to 32), note when each job's event
/// arrived, Delete Message. Polls again at once while events come, after 50 ms when the queue is empty.
/// </summary>
internal sealed class EventsCollector(QueueClient events)
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Job id → <see cref="Stopwatch.GetTimestamp"/> when its event was received.</summary>
    public ConcurrentDictionary<string, long> Arrivals { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await events.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var received = Stopwatch.GetTimestamp();
            foreach (var message in messages)
            {
                using var json = JsonDocument.Parse(message.Body.ToMemory());
                Arrivals.TryAdd(json.RootElement.GetProperty("jobId").GetString() ?? "", received);
            }

            if (messages.Length == 0)
            {
                await Task.Delay(IdleDelay, TimeProvider.System, CancellationToken.None);
                continue;
            }

            await Task.WhenAll(messages.Select(m => events.DeleteMessageAsync(m.MessageId, m.PopReceipt, CancellationToken.None)));
        }
    }
}
