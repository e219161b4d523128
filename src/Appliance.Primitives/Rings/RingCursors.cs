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
    private const int ProducerGroup = Separation;                   // 5 longs: 128..168
    private const int ConsumerGroup = ProducerGroup + 40 + Separation; // 2 longs: 296..312
    private const int Size = ConsumerGroup + 16 + Separation + 8;   // 448

    // Producer group: written by the producer only.

    /// <summary>Every sequence below this is published (slots carry their own stamps; this is for Count and monitors).</summary>
    [FieldOffset(ProducerGroup)] public long Published;

    /// <summary>Next sequence the producer hands out (claimed slots may be ahead of <see cref="Published"/>).</summary>
    [FieldOffset(ProducerGroup + 8)] public long Claimed;

    /// <summary>The producer's copy of <see cref="Consumed"/>; refreshed only when it says the ring is full.</summary>
    [FieldOffset(ProducerGroup + 16)] public long CachedConsumed;

    /// <summary>Claims refused because the ring was full. Read by monitors (rarely).</summary>
    [FieldOffset(ProducerGroup + 24)] public long FullCount;

    /// <summary>Deepest backlog the producer measured (every 64th publish, and whenever it found the ring full).</summary>
    [FieldOffset(ProducerGroup + 32)] public long HighWater;

    // Consumer group: written by the consumer only.

    /// <summary>Every sequence below this is free for the producer. Release-written by the consumer, acquire-read by the producer.</summary>
    [FieldOffset(ConsumerGroup)] public long Consumed;

    /// <summary>End of what the consumer has seen published (from slot stamps); extended only when it runs out.</summary>
    [FieldOffset(ConsumerGroup + 8)] public long CachedPublished;

}
