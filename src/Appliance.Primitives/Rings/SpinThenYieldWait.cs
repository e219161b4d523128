using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Rings;

/// <summary>
/// Spins a while (cheap, lowest latency), then yields the core to other runnable threads, then keeps
/// calling <see cref="Thread.Sleep(int)"/> with 0. Never sleeps for real, so it still burns a core when the
/// ring stays idle; for hot threads that may share a core, and for tests on small machines.
/// </summary>
/// <remarks>Create with <c>new()</c> or the sized constructor; <c>default</c> has no spin phase.</remarks>
public struct SpinThenYieldWait : IWaitStrategy
{
    public const int DefaultSpins = 1000;
    public const int DefaultYields = 100;

    private readonly int _spins;
    private readonly int _spinsAndYields;
    private int _iteration; // Mutable struct! Don't make this readonly.

    public SpinThenYieldWait()
        : this(DefaultSpins, DefaultYields)
    {
    }

    public SpinThenYieldWait(int spins, int yields)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spins);
        ArgumentOutOfRangeException.ThrowIfNegative(yields);
        _spins = spins;
        _spinsAndYields = (int)Math.Min((long)spins + yields, int.MaxValue);
        _iteration = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle(WaitSignal signal, long deadline)
    {
        int i = _iteration;
        if (i < _spins)
        {
            _iteration = i + 1;
            CpuPause.Once();
        }
        else
        {
            IdleSlow(i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void IdleSlow(int i)
    {
        if (i < _spinsAndYields)
        {
            _iteration = i + 1;
            Thread.Yield();
        }
        else
        {
            // On Linux this is sched_yield as well; it is here for schedulers where Yield only considers
            // threads on the same core.
            Thread.Sleep(0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset(WaitSignal signal) => _iteration = 0;
}
