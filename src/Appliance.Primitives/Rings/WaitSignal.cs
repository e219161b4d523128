using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Rings;

/// <summary>
/// Wakes a side of a ring that went to sleep (a cold consumer waiting for data, or a producer waiting for
/// space). The other side only reads <see cref="IsArmed"/>, an uncontended L1 hit, after each publish or
/// release, and pays for a wake-up only when a sleeper actually armed the signal.
/// </summary>
/// <remarks>
/// The protocol for a sleeper is: <see cref="Arm"/>, re-check the awaited condition, then <see cref="Wait"/>.
/// The hot side publishes with a release store and then reads the flag without a full fence (a fence per
/// publish would cost ~20 cycles on x86), so in a window of a few nanoseconds both sides can miss each
/// other: the sleeper sees no data and the hot side sees no sleeper. Sleepers therefore wait in bounded
/// slices (see <see cref="BlockingWait"/>) and re-check; a missed wake-up costs at most one slice.
/// </remarks>
public sealed class WaitSignal
{
    private readonly ManualResetEventSlim _event = new(initialState: false, spinCount: 0);
    private PaddedFlag _armed; // Mutable struct! Don't make this readonly.

    /// <summary>True while a sleeper has announced itself and has not been woken yet.</summary>
    public bool IsArmed
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _armed.Value) != 0;
    }

    /// <summary>Announces a sleeper. Re-check the awaited condition after this and before <see cref="Wait"/>.</summary>
    public void Arm()
    {
        // Reset before raising the flag: a Set can only follow a flag the waker saw, so it is never lost.
        _event.Reset();
        // Full fence: the re-check that follows must not be satisfied from before the flag was visible.
        Interlocked.Exchange(ref _armed.Value, 1);
    }

    /// <summary>Withdraws the announcement (the condition came true without a wake-up).</summary>
    public void Disarm() => Volatile.Write(ref _armed.Value, 0);

    /// <summary>Sleeps until woken or the timeout passes; true if woken.</summary>
    public bool Wait(int millisecondsTimeout) => _event.Wait(millisecondsTimeout);

    /// <summary>Wakes the sleeper. Called by the hot side only after it saw <see cref="IsArmed"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Notify()
    {
        if (Interlocked.Exchange(ref _armed.Value, 0) != 0)
        {
            _event.Set();
        }
    }
}
