using System.Runtime.InteropServices;

namespace Appliance.Logging.Buffers;

/// <summary>
/// The positions a producer and the writer share, each on its own 128-byte block so neither
/// thread's stores invalidate the line the other spins on (128 beats adjacent-line prefetch).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 512)]
internal struct RingCursors
{
    /// <summary>Logical end of the last published record. Written by the producer, read by the writer.</summary>
    [FieldOffset(128)] public long Published;

    /// <summary>Logical position up to which the writer has consumed. Written by the writer.</summary>
    [FieldOffset(256)] public long Consumed;

    /// <summary>Logical position up to which records have reached the sinks. Written by the writer.</summary>
    [FieldOffset(384)] public long Durable;

    /// <summary>Non-zero while the producer waits for <see cref="Durable"/> (a critical record).</summary>
    [FieldOffset(392)] public long DurableWanted;
}
