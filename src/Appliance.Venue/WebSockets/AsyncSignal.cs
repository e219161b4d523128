namespace Appliance.Venue.WebSockets;

/// <summary>
/// An auto-reset wake-up for one waiting task and any number of setters. A set with nobody waiting is kept,
/// so a waiter that checks its sources, finds nothing and then waits never misses a set made in between.
/// </summary>
internal sealed class AsyncSignal
{
    private const int Idle = 0, Signaled = 1, Waiting = 2;
    private int _state;
    private TaskCompletionSource? _waiter;

    public void Set()
    {
        while (true)
        {
            int s = Volatile.Read(ref _state);
            if (s == Signaled) return;
            if (s == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle) return;
                continue;
            }
            if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                _waiter!.TrySetResult();
                return;
            }
        }
    }

    /// <summary>Completes at the next <see cref="Set"/> (at once if one is pending). One waiter at a time.</summary>
    public Task WaitAsync()
    {
        while (true)
        {
            int s = Volatile.Read(ref _state);
            if (s == Signaled)
            {
                if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled) return Task.CompletedTask;
                continue;
            }
            if (s == Waiting) return _waiter!.Task; // an earlier wait timed out; it is still armed
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = waiter;
            if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle) return waiter.Task;
        }
    }
}
