// Prints the normalized events on the events queue as they arrive: the quickest way to see RenderHooks work.
//   dotnet run --project tools/RenderHooks.Events              peek: shows events, leaves them for real consumers
//   dotnet run --project tools/RenderHooks.Events -- --consume receive and delete each event after printing it
// Storage comes from AzureWebJobsStorage (default UseDevelopmentStorage=true), the queue from RenderHooks__Storage__EventsQueue.
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RenderHooks.Storage;

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection([new("AzureWebJobsStorage", "UseDevelopmentStorage=true")])
    .AddEnvironmentVariables()
    .Build();
var consume = args.Contains("--consume");
var queueName = configuration["RenderHooks:Storage:EventsQueue"] ?? "renderhooks-events";
var queue = new StorageQueueClient(StorageAccount.FromConfiguration(configuration), queueName);
var pretty = new JsonSerializerOptions { WriteIndented = true };
var seen = new HashSet<string>();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
Console.Error.WriteLine($"Watching queue '{queueName}' ({(consume ? "consuming" : "peeking")}); Ctrl+C to stop.");

while (!stop.IsCancellationRequested)
{
    try
    {
        if (consume)
        {
            foreach (var message in await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stop.Token))
            {
                Print(message.Body);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stop.Token);
            }
        }
        else
        {
            foreach (var message in await queue.PeekMessagesAsync(32, stop.Token))
            {
                if (seen.Add(message.MessageId))
                {
                    Print(message.Body);
                }
            }
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }
    catch (Azure.RequestFailedException e) when (e.Status == 404)
    {
        Console.Error.WriteLine($"Queue '{queueName}' does not exist yet; is the receiver running?");
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, CancellationToken.None);
    }
}

void Print(BinaryData body)
{
    using var document = JsonDocument.Parse(body);
    Console.WriteLine(JsonSerializer.Serialize(document.RootElement, pretty));
}
