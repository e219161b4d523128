using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Rings;

/// <summary>
/// Polls with one CPU pause between checks and never gives up the core: the lowest hand-off latency,
/// for threads pinned to isolated cores. On a shared core it starves whoever else wants it.
/// </summary>
public struct BusySpinWait : IWaitStrategy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Idle(WaitSignal signal, long deadline) => CpuPause.Once();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Reset(WaitSignal signal)
    {
    }
}
