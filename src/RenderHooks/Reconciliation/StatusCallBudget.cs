namespace RenderHooks.Reconciliation;

/// <summary>The status calls one run may still make to one provider (<c>MaxStatusCallsPerRun</c>).</summary>
internal sealed class StatusCallBudget(int calls)
{
    private int _left = calls;

    public bool TryTake()
    {
        if (Interlocked.Decrement(ref _left) >= 0)
        {
            return true;
        }

        Interlocked.Increment(ref _left);
        return false;
    }

    /// <summary>Gives back a call taken for a job another writer changed before it was made.</summary>
    public void Return() => Interlocked.Increment(ref _left);
}
