namespace RenderHooks.Server.Queues;

/// <summary>Completes once the queues and tables exist, so the consumer does not poll a queue that is not there yet.</summary>
internal sealed class StorageReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public void MarkReady() => _ready.TrySetResult();
}
