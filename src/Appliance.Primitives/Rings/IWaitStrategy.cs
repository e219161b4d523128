namespace Appliance.Primitives.Rings;

/// <summary>
/// How a side of a <see cref="SpscRing{T}"/> passes the time while the ring is empty (consumer) or full
/// (producer). Implementations are small mutable structs passed by <c>ref</c> as a generic argument, so
/// the JIT specialises the ring's wait loop for each and inlines the calls.
/// </summary>
/// <remarks>
/// The ring's loop is: check the condition; if the deadline passed, <see cref="Reset"/> and give up;
/// otherwise <see cref="Idle"/> and check again. When the condition comes true the ring calls
/// <see cref="Reset"/>, so one instance can serve wait after wait.
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>Called each time the awaited condition was found false.</summary>
    /// <param name="signal">Wakes this side when the other side publishes or releases; only blocking strategies use it.</param>
    /// <param name="deadline"><see cref="Time.MonoClock"/> ticks after which the ring gives up; <see cref="long.MaxValue"/> for never.</param>
    void Idle(WaitSignal signal, long deadline);

    /// <summary>The wait is over: forget spin counts, withdraw from the signal.</summary>
    void Reset(WaitSignal signal);
}
