using RenderHooks.Storage;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>Removes a test's queues, tables and container from the shared Azurite.</summary>
public static class StorageCleanup
{
    public static Task DeleteAllAsync(this RenderHooksStorage storage) =>
        Task.WhenAll(
            storage.DeliveriesQueue.DeleteIfExistsAsync(),
            storage.PoisonQueue.DeleteIfExistsAsync(),
            storage.EventsQueue.DeleteIfExistsAsync(),
            storage.JobsTable.DeleteAsync(),
            storage.DeliveriesTable.DeleteAsync(),
            storage.PayloadsContainer.DeleteIfExistsAsync());
}
