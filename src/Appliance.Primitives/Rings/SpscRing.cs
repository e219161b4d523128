using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Primitives.Rings;

/// <summary>
/// Lock-free single-producer/single-consumer ring of unmanaged structs, written and read in place.
/// One thread claims slots, fills them by <c>ref</c> and publishes; one other thread peeks or reads
/// batches by <c>ref</c> and releases. Sequences are 64-bit and never wrap; a slot is
/// <c>sequence &amp; (Capacity - 1)</c>.
/// </summary>
/// <remarks>
/// Publication is per slot: each slot carries the sequence it was last published for (release store by the
/// producer), and the consumer polls the slot it is about to read, never a shared producer index. A hop
/// therefore moves only the slot's own cache lines between cores, like a bare ping-pong of one line
/// (measured: the producer-index design cost 1.75x the floor at p50). The producer keeps a cached copy of
/// the consumer's index and reads the shared one only when its copy says full, about once per lap.
/// No Interlocked, no locks, no allocation after the constructor.
/// Calling a producer method from two threads, or a consumer method from two threads, corrupts the ring.
/// </remarks>
[DebuggerDisplay("{Name}: {Count}/{Capacity}, full {FullCount}")]
public sealed unsafe partial class SpscRing<T> where T : unmanaged
{
    /// <summary>Largest capacity accepted (slots; the byte size must also fit one array).</summary>
    public const int MaxCapacity = 1 << 30;

    // Slots start on a 128-byte boundary with 128 bytes of nothing on either side, so slot 0 and the
    // last slot share no line (or prefetch pair) with another object on the pinned heap.
    private const int Guard = 128;

    private readonly byte[] _memory; // pinned: keeps _slots valid for the ring's lifetime
    private readonly Slot* _slots;
    private readonly long _mask;
    private readonly long _capacity; // long: compared with 64-bit sequences on every claim
    private readonly WaitSignal _dataSignal = new();
    private readonly WaitSignal _spaceSignal = new();
    private RingCursors _cursors; // Mutable struct! Don't make this readonly.

    /// <param name="capacity">Slots, a power of two; all are allocated (and touched) now.</param>
    /// <param name="name">Names the ring in errors and diagnostics, e.g. "feed-1 → strategy".</param>
    public SpscRing(int capacity, string? name = null)
    {
        Name = name ?? $"SpscRing<{typeof(T).Name}>";
        if (capacity <= 0 || capacity > MaxCapacity || !System.Numerics.BitOperations.IsPow2(capacity))
        {
            RingThrowHelper.ThrowBadCapacity(Name, capacity, MaxCapacity);
        }

        long bytes = (long)capacity * sizeof(Slot);
        long maxBytes = Array.MaxLength - 3L * Guard;
        if (bytes > maxBytes)
        {
            RingThrowHelper.ThrowTooLarge(Name, capacity, sizeof(Slot), maxBytes);
        }

        _memory = GC.AllocateArray<byte>((int)(bytes + 3L * Guard), pinned: true);
        nuint start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));
        _slots = (Slot*)((start + 2 * Guard - 1) & ~(nuint)(Guard - 1));
        Debug.Assert((byte*)_slots + bytes + Guard <= (byte*)start + _memory.Length);

        // Fault every page in now, on the constructing thread, instead of on the hot path's first lap
        // (a fresh GC segment can be zero pages the kernel has not mapped yet). Zero also means "never
        // published": slot sequences are stored as sequence + 1.
        NativeMemory.Clear(_slots, (nuint)bytes);

        _capacity = capacity;
        _mask = capacity - 1;
    }

    public string Name { get; }

    /// <summary>Number of slots.</summary>
    public int Capacity => (int)_capacity;

    /// <summary>Items published and not yet released. A snapshot from any thread: approximate while the ring moves.</summary>
    public int Count
    {
        get
        {
            // Consumed first: published only grows, so the difference cannot go negative.
            long consumed = Volatile.Read(ref _cursors.Consumed);
            long published = Volatile.Read(ref _cursors.Published);
            return (int)Math.Min(published - consumed, _capacity);
        }
    }

    /// <summary>
    /// How many claims found the ring full: every failed <see cref="TryClaim(out long)"/>,
    /// <see cref="TryClaimBatch"/> or <see cref="TryWrite"/>, and every waiting claim
    /// (<see cref="Claim{TWait}"/>) that had to wait, once however long it waited.
    /// Written by the producer only; readable from any thread.
    /// </summary>
    public long FullCount => Volatile.Read(ref _cursors.FullCount);

    /// <summary>
    /// The deepest backlog (published, not released) measured by the producer: exactly, at every 64th
    /// publish and whenever a claim found the ring full (then it is <see cref="Capacity"/>). A peak between
    /// samples can be missed; a full ring never is. Sampled because each sample reads the consumer's line.
    /// </summary>
    public long HighWaterMark => Volatile.Read(ref _cursors.HighWater);

    /// <summary>
    /// The slot of a claimed or peeked sequence. The producer may write a slot from claim until publish;
    /// the consumer may read (or scribble on) it from peek until release. Anything else is a race.
    /// </summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // Debug only: these read the other side's fields, which is a race, but both indices only grow.
            Debug.Assert(sequence >= Volatile.Read(ref _cursors.Consumed), "slot already released");
            Debug.Assert(sequence < Volatile.Read(ref _cursors.Claimed), "slot never claimed");
            return ref _slots[sequence & _mask].Item;
        }
    }

    /// <summary>
    /// A slot: the item, then the sequence it was published for, plus one (0 = never). The stamp sits after
    /// the item so that for items of up to 56 bytes, item and stamp share one 64-byte line.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public T Item;
        public long Published;
    }

    /// <summary>What a consumer sleeping on an empty ring waits on (tests watch it to know the consumer is parked).</summary>
    internal WaitSignal DataSignal => _dataSignal;

    /// <summary>What a producer sleeping on a full ring waits on.</summary>
    internal WaitSignal SpaceSignal => _spaceSignal;

    public override string ToString() => $"{Name}: {Count}/{Capacity} used, full {FullCount} times, high-water {HighWaterMark}";
}
