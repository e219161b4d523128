namespace Appliance.Hosting.Strategy;

/// <summary>
/// Hands control requests from any thread to the strategy thread. The strategy thread reads one volatile
/// flag per loop round; only when it is set does it take the lock (cold). Callers wait on the request's
/// completion with a timeout, so a stuck strategy thread makes an admin verb fail, never hang.
/// </summary>
public sealed class ControlChannel
{
    private readonly Lock _lock = new();
    private readonly Queue<Request> _queue = new();
    private volatile int _pending;

    private sealed class Request(StrategyCommand command, string? reason)
    {
        public StrategyCommand Command { get; } = command;
        public string? Reason { get; } = reason;
        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Strategy thread: whether requests wait (one load).</summary>
    public bool Pending => _pending != 0;

    /// <summary>Any thread: queues a request and waits for the strategy thread's answer.</summary>
    /// <exception cref="TimeoutException">The strategy thread did not take it within <paramref name="timeout"/>.</exception>
    public string Send(StrategyCommand command, string? reason, TimeSpan timeout)
    {
        var request = new Request(command, reason);
        lock (_lock)
        {
            _queue.Enqueue(request);
            _pending = 1;
        }
        if (!request.Done.Task.Wait(timeout))
            throw new TimeoutException($"the strategy thread did not carry out '{command}' within {timeout.TotalSeconds:0.###} s");
        return request.Done.Task.Result;
    }

    /// <summary>Strategy thread: carries out every waiting request.</summary>
    public void Execute(IStrategyStage stage)
    {
        while (true)
        {
            Request? request;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out request))
                {
                    _pending = 0;
                    return;
                }
            }
            try
            {
                request.Done.SetResult(stage.OnControl(request.Command, request.Reason));
            }
            catch (Exception e)
            {
                request.Done.SetException(e);
            }
        }
    }
}
