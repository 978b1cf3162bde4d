// Operator commands against the storage account of AzureWebJobsStorage (default UseDevelopmentStorage=true, Azurite),
// with the queue names of RenderHooks__Storage__* if set:
//   dotnet run --project tools/RenderHooks.Tool -- events            print events as they arrive (peek: consumers still get them)
//   dotnet run --project tools/RenderHooks.Tool -- events --consume  print and delete each event
//   dotnet run --project tools/RenderHooks.Tool -- requeue-poison    move poisoned deliveries back to be processed again
//   dotnet run --project tools/RenderHooks.Tool -- deliveries [--outcome O] [--provider P] [--since T] [--limit N] [--cursor C] [--all]
//                                                                    flagged deliveries with their reasons, newest first
//   dotnet run --project tools/RenderHooks.Tool -- jobs --state unknown-to-provider|overdue [--provider P] [--limit N] [--cursor C] [--all]
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RenderHooks;
using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Storage;
using RenderHooks.Tool;

var builder = Host.CreateApplicationBuilder();
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = [new("AzureWebJobsStorage", "UseDevelopmentStorage=true")],
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddRenderHooks();
using var host = builder.Build();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var storage = host.Services.GetRequiredService<RenderHooksStorage>();
switch (args.FirstOrDefault())
{
    case "events":
        await new EventsWatcher(storage.EventsQueue, Console.Out, Console.Error).WatchAsync(consume: args.Contains("--consume"), stop.Token);
        return 0;
    case "requeue-poison":
        var moved = await host.Services.GetRequiredService<PoisonRequeuer>().RequeueAsync(stop.Token);
        Console.WriteLine($"Moved {moved} deliveries from {storage.PoisonQueue.Name} back to {storage.DeliveriesQueue.Name}.");
        return 0;
    case "deliveries":
        return await Listings().DeliveriesAsync(args[1..], stop.Token);
    case "jobs":
        return await Listings().JobsAsync(args[1..], stop.Token);
    default:
        Console.Error.WriteLine(
            "usage: dotnet run --project tools/RenderHooks.Tool -- events [--consume] | requeue-poison"
            + " | deliveries [--outcome O] [--provider P] [--since T] [--limit N] [--cursor C] [--all]"
            + " | jobs --state unknown-to-provider|overdue [--provider P] [--limit N] [--cursor C] [--all]");
        return 2;
}

ListCommands Listings() => new(
    host.Services.GetRequiredService<DeliveryListing>(), host.Services.GetRequiredService<JobListing>(), Console.Out, Console.Error);
