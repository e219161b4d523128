using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Hosting.Threads;

/// <summary>
/// A hot thread's proof of life: the thread bumps it every loop round (one plain store to a line nobody
/// else writes), the housekeeping thread reads it. Single writer: no interlocked instruction.
/// </summary>
public sealed class Heartbeat
{
    private Padded _value;

    public long Read() => Volatile.Read(ref _value.Value);

    /// <summary>The owning thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Beat() => Volatile.Write(ref _value.Value, _value.Value + 1);

    // 128 bytes either side: the counter shares no line, nor an adjacent-line prefetch pair, with anything.
    [StructLayout(LayoutKind.Explicit, Size = 264)]
    private struct Padded
    {
        [FieldOffset(128)] public long Value;
    }
}
