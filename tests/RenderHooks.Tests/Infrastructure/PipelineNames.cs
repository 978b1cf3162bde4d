using RenderHooks.Storage;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Queue, table and container names unique to one test, so tests sharing one Azurite never see each other's data.</summary>
public sealed record PipelineNames(string DeliveriesQueue, string EventsQueue, string JobsTable, string DeliveriesTable)
{
    public static PipelineNames Unique(AzuriteFixture azurite)
    {
        var stem = azurite.UniqueName("t");
        return new PipelineNames(stem + "-dlv", stem + "-evt", stem + "jobs", stem + "dlv");
    }

    public string PoisonQueue => DeliveriesQueue + "-poison";

    /// <summary>The payloads container: the deliveries queue's name (at most 56 characters) and <c>-pay</c>.</summary>
    public string PayloadsContainer => DeliveriesQueue + "-pay";

    public IEnumerable<KeyValuePair<string, string?>> AsSettings() =>
    [
        new($"{StorageNamesOptions.SectionName}:DeliveriesQueue", DeliveriesQueue),
        new($"{StorageNamesOptions.SectionName}:EventsQueue", EventsQueue),
        new($"{StorageNamesOptions.SectionName}:JobsTable", JobsTable),
        new($"{StorageNamesOptions.SectionName}:DeliveriesTable", DeliveriesTable),
        new($"{StorageNamesOptions.SectionName}:PayloadsContainer", PayloadsContainer),
    ];
}
