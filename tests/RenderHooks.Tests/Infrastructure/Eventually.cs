namespace RenderHooks.Tests.Infrastructure;

/// <summary>Polls a condition that a background consumer will make true, failing with a message if it does not in time.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for <paramref name="task"/> to complete (failing, not hanging, if it does not), then returns its result.</summary>
    public static async Task<T> CompletedAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        await GetAsync(() => Task.FromResult(task.IsCompleted), done => done, what, timeout);
        return await task;
    }
}
