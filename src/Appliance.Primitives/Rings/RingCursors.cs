using System.Runtime.InteropServices;

namespace Appliance.Primitives.Rings;

/// <summary>
/// The ring's indices, laid out so the producer's and the consumer's groups never share a cache line
/// nor an adjacent-line prefetch pair. The ring object is only 8-byte aligned, so the groups are kept
/// at least 128 bytes apart (and 128 bytes from whatever the runtime places around this struct)
/// rather than aligned to a line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct RingCursors
{
    private const int Separation = 128;
    private const int ProducerGroup = Separation;                   // 4 longs: 128..160
    private const int ConsumerGroup = ProducerGroup + 32 + Separation; // 3 longs: 288..312
    private const int Size = ConsumerGroup + 24 + Separation + 8;   // 448

    // Producer group: written by the producer only.

    /// <summary>Every sequence below this is readable. Release-written by the producer, acquire-read by the consumer.</summary>
    [FieldOffset(ProducerGroup)] public long Published;

    /// <summary>Next sequence the producer hands out (claimed slots may be ahead of <see cref="Published"/>).</summary>
    [FieldOffset(ProducerGroup + 8)] public long Claimed;

    /// <summary>The producer's copy of <see cref="Consumed"/>; refreshed only when it says the ring is full.</summary>
    [FieldOffset(ProducerGroup + 16)] public long CachedConsumed;

    /// <summary>Claims refused because the ring was full. Read by monitors (rarely).</summary>
    [FieldOffset(ProducerGroup + 24)] public long FullCount;

    // Consumer group: written by the consumer only.

    /// <summary>Every sequence below this is free for the producer. Release-written by the consumer, acquire-read by the producer.</summary>
    [FieldOffset(ConsumerGroup)] public long Consumed;

    /// <summary>The consumer's copy of <see cref="Published"/>; refreshed only when it says the ring is empty.</summary>
    [FieldOffset(ConsumerGroup + 8)] public long CachedPublished;

    /// <summary>Deepest backlog the consumer found when it looked for more items.</summary>
    [FieldOffset(ConsumerGroup + 16)] public long HighWater;
}
