namespace RenderHooks.Tests.Infrastructure;

/// <summary>One fault of a <see cref="StorageFaultProxy"/>: a forced answer, or a gate that holds requests; counts what it matched.</summary>
public sealed class StorageFault
{
    private readonly Func<StorageRequest, bool> _match;
    private readonly int? _times;
    private readonly int _gate;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _matched;
    private volatile bool _lifted;

    private StorageFault(Func<StorageRequest, bool> match, int status, string errorCode, int? times, int gate, bool forwards = false)
    {
        _match = match;
        Forwards = forwards;
        Status = status;
        ErrorCode = errorCode;
        _times = times;
        _gate = gate;
    }

    internal enum Action
    {
        Pass,
        Answer,
        Hold,
    }

    public int Status { get; }

    public string ErrorCode { get; }

    /// <summary>Whether a matched request still reaches storage (and is done there) before the forced answer replaces storage's.</summary>
    public bool Forwards { get; }

    /// <summary>Requests this fault answered or held.</summary>
    public int Matched => Volatile.Read(ref _matched);

    /// <summary>Completes when a gate's requests have all arrived (or it is lifted).</summary>
    public Task Released => _released.Task;

    internal static StorageFault Answer(Func<StorageRequest, bool> match, int status, string errorCode, int? times) =>
        new(match, status, errorCode, times, gate: 0);

    internal static StorageFault AfterForward(Func<StorageRequest, bool> match, int status, string errorCode, int? times) =>
        new(match, status, errorCode, times, gate: 0, forwards: true);

    internal static StorageFault Gate(Func<StorageRequest, bool> match, int count) => new(match, 0, string.Empty, count, gate: count);

    /// <summary>Stops the fault: later requests pass, held ones go on.</summary>
    public void Lift()
    {
        _lifted = true;
        _released.TrySetResult();
    }

    internal Action Take(StorageRequest request)
    {
        if (_lifted || !_match(request))
        {
            return Action.Pass;
        }

        var number = Interlocked.Increment(ref _matched);
        if (_times is { } times && number > times)
        {
            Interlocked.Decrement(ref _matched);
            return Action.Pass;
        }

        if (_gate == 0)
        {
            return Action.Answer;
        }

        if (number == _gate)
        {
            _released.TrySetResult();
        }

        return Action.Hold;
    }
}
