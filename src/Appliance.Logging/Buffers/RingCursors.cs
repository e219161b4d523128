using System.Runtime.InteropServices;

namespace Appliance.Logging.Buffers;

/// <summary>
/// Every mutable position of one ring, grouped by the thread that writes it, each group on its own 128-byte
/// block (128 beats adjacent-line prefetch). Only <see cref="Published"/> and <see cref="Consumed"/> cross
/// between threads on every pass; the rest stay in their writer's cache. The first block is padding: it keeps
/// the producer's line away from the object header and the read-only fields both threads read.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 768)]
internal struct RingCursors
{
    // ---- producer-private (the logging thread) ----
    [FieldOffset(128)] public long WritePos;
    [FieldOffset(136)] public long ConsumedCache;

    /// <summary>Address of the open (begun, not yet committed) record's handler, 0 when none.</summary>
    [FieldOffset(144)] public nuint OpenHandler;

    // ---- producer writes, writer reads ----
    /// <summary>Logical end of the last published record.</summary>
    [FieldOffset(256)] public long Published;

    // ---- writer writes (Consumed is read by the producer when it runs short of room) ----
    /// <summary>Logical position up to which the writer has consumed.</summary>
    [FieldOffset(384)] public long Consumed;
    [FieldOffset(392)] public long ReadPos;
    [FieldOffset(400)] public long Snapshot;
    [FieldOffset(408)] public long DurablePublished;

    // ---- the critical-record handshake (rare) ----
    /// <summary>Logical position up to which records have reached the sinks. Written by the writer.</summary>
    [FieldOffset(512)] public long Durable;

    /// <summary>Non-zero while the producer waits for <see cref="Durable"/> (a critical record).</summary>
    [FieldOffset(520)] public long DurableWanted;
}
