using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using RenderHooks.Storage;

namespace RenderHooks.Tool;

/// <summary>Prints the events queue as events arrive, peeking (consumers still get them) or consuming.</summary>
internal sealed class EventsWatcher(QueueClient queue, TextWriter output, TextWriter status)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public async Task WatchAsync(bool consume, CancellationToken cancellationToken)
    {
        await status.WriteLineAsync($"Watching queue '{queue.Name}' ({(consume ? "consuming" : "peeking")}); Ctrl+C to stop.");
        var seen = new HashSet<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (consume)
                {
                    foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken).NameFailures(queue)).Value)
                    {
                        await PrintAsync(message.Body);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).NameFailures(queue);
                    }
                }
                else
                {
                    foreach (var message in (await queue.PeekMessagesAsync(32, cancellationToken).NameFailures(queue)).Value)
                    {
                        if (seen.Add(message.MessageId))
                        {
                            await PrintAsync(message.Body);
                        }
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                await status.WriteLineAsync($"Queue '{queue.Name}' does not exist yet; is the receiver running?");
                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, CancellationToken.None);
            }
        }
    }

    private Task PrintAsync(BinaryData body)
    {
        using var document = JsonDocument.Parse(body);
        return output.WriteLineAsync(JsonSerializer.Serialize(document.RootElement, Pretty));
    }
}
