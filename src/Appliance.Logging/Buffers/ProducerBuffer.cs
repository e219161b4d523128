using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Appliance.Logging.Templates;

namespace Appliance.Logging.Buffers;

/// <summary>
/// One thread's single-producer byte ring. The owning thread writes records in place and publishes them;
/// the writer thread reads them in order and hands the space back. Positions are logical (ever growing);
/// the physical offset is position &amp; mask. The array is <c>capacity + maxRecord</c> long: a record that
/// starts near the end runs on into the overhang, so every record is contiguous for writer and reader
/// alike without a wrap marker or a second copy.
/// </summary>
internal sealed unsafe partial class ProducerBuffer
{
    private readonly byte[] _memory;   // pinned (POH): _base stays valid
    private readonly byte* _base;
    private readonly long _capacity;
    private readonly long _mask;
    private readonly int _maxRecord;

    private RingCursors _cursors;

    /// <summary>Address of the open (begun, not yet committed) record's handler, 0 when none. Producer-private.</summary>
    public ref nuint OpenHandler => ref _cursors.OpenHandler;

    /// <summary>The system this buffer belongs to; the thread-static fast path compares it.</summary>
    public readonly LogSystem System;

    /// <summary>The owning thread; the writer reaps the buffer once it is dead and drained.</summary>
    public readonly Thread Owner;

    /// <summary>Registration number within the owner system (for error messages).</summary>
    public readonly int Id;

    /// <summary>Cold threads may wait for room instead of dropping.</summary>
    public bool BlockWhenFull;

    /// <summary>How long a critical record waits for durability (0: not at all).</summary>
    public long CriticalWaitTicks;

    /// <summary>Replaced by a bigger ring: no thread writes here any more; reaped once drained.</summary>
    public volatile bool Retired;

    /// <summary>Lazily created second ring for records begun while one is open (a hole expression that logs).</summary>
    public ProducerBuffer? Nested;

    /// <summary>Producer-private: the open record's template being learnt (its site's first call), else null.</summary>
    public TemplateBuilder? Learning;

    /// <summary>Producer-private: the open record was dropped (1) or truncated (2); see LogHandler.</summary>
    public int RecordState;

    /// <summary>Forgets the slow-path state of the open record (committed, or abandoned by a hole that threw).</summary>
    public void ResetRecordState()
    {
        Learning = null;
        RecordState = 0;
    }

    public ProducerBuffer(LogSystem system, Thread owner, byte[] memory, int capacity, int maxRecord, int id)
    {
        Id = id;
        Debug.Assert(BitOperations.IsPow2(capacity) && memory.Length >= capacity + maxRecord);
        System = system;
        Owner = owner;
        _memory = memory;
        _base = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(memory));
        _capacity = capacity;
        _mask = capacity - 1;
        _maxRecord = maxRecord;
        BlockWhenFull = system.Options.BlockWhenFull;
        CriticalWaitTicks = system.CriticalWaitTicks;
    }

    public byte[] Memory => _memory;
    public long Capacity => _capacity;

    /// <summary>
    /// Starts a record: returns where it goes and how far it may grow, or null when the ring has no room
    /// even for a header. Waits only on a thread that opted into blocking; <see cref="ExtendLimit"/> is the slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Begin(out byte* limit)
    {
        long wpos = _cursors.WritePos;
        long free = _cursors.ConsumedCache + _capacity - wpos;
        byte* start = _base + (wpos & _mask);
        if (free < _maxRecord)
        {
            free = RefreshFree(wpos);
            if (free < 0)
            {
                limit = null;
                return null;
            }
        }
        limit = start + Math.Min(free, _maxRecord);
        return start;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long RefreshFree(long wpos)
    {
        _cursors.ConsumedCache = Volatile.Read(ref _cursors.Consumed);
        long free = _cursors.ConsumedCache + _capacity - wpos;
        if (free < RecordHeader.Size + 8 && BlockWhenFull)
            free = WaitForRoom(wpos, RecordHeader.Size + 8);
        return free < RecordHeader.Size + 8 ? -1 : free;
    }

    /// <summary>
    /// Slow path when an argument does not fit below <paramref name="limit"/>: re-reads the writer's
    /// position. Returns false when the record cannot grow to <paramref name="needed"/> bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool ExtendLimit(byte* start, ref byte* limit, long needed)
    {
        long wpos = _cursors.WritePos;
        if (needed > _maxRecord) return false;
        _cursors.ConsumedCache = Volatile.Read(ref _cursors.Consumed);
        long free = _cursors.ConsumedCache + _capacity - wpos;
        if (free < needed && BlockWhenFull) free = WaitForRoom(wpos, needed);
        if (free < needed) return false;
        limit = start + Math.Min(free, _maxRecord);
        return true;
    }

    /// <summary>How far the open record at <paramref name="start"/> may grow with the room known now.</summary>
    public byte* Limit(byte* start) => start + Math.Min(_cursors.ConsumedCache + _capacity - _cursors.WritePos, _maxRecord);

    /// <summary>True when <paramref name="needed"/> is over the per-record limit rather than the ring being full.</summary>
    public bool IsOverRecordLimit(long needed) => needed > _maxRecord;

    /// <summary>Cold threads only: waits (spin, yield, sleep) until the writer frees room or a second passes.</summary>
    private long WaitForRoom(long wpos, long needed)
    {
        var spin = new SpinWait();
        long deadline = LogClock.Now() + System.BlockTimeoutTicks;
        long free;
        do
        {
            System.WakeWriter();
            spin.SpinOnce();
            _cursors.ConsumedCache = Volatile.Read(ref _cursors.Consumed);
            free = _cursors.ConsumedCache + _capacity - wpos;
        }
        while (free < needed && LogClock.Now() < deadline && !System.IsStopped);
        return free;
    }

    /// <summary>Makes the record visible to the writer. <paramref name="length"/> is already padded to 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Publish(int length)
    {
        long end = _cursors.WritePos + length;
        _cursors.WritePos = end;
        Volatile.Write(ref _cursors.Published, end);
        OpenHandler = 0;
        return end;
    }

    // ---- writer side ----

    public long ReadPublished() => Volatile.Read(ref _cursors.Published);
    public void SetConsumed(long position) => Volatile.Write(ref _cursors.Consumed, position);
    public byte* At(long position) => _base + (position & _mask);

    public long DurableWanted => Volatile.Read(ref _cursors.DurableWanted);
    public void SetDurable(long position) => Volatile.Write(ref _cursors.Durable, position);

    /// <summary>
    /// Producer side of a critical record: asks the writer to make everything up to <paramref name="end"/>
    /// durable and waits at most the configured bound. The record stays queued if the bound passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void WaitDurable(long end)
    {
        long bound = CriticalWaitTicks;
        if (bound <= 0) return;
        Volatile.Write(ref _cursors.DurableWanted, end);
        System.WakeWriter();
        long deadline = LogClock.Now() + bound;
        var spin = new SpinWait();
        while (Volatile.Read(ref _cursors.Durable) < end)
        {
            if (LogClock.Now() >= deadline)
            {
                System.CountCriticalTimeout();
                break;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
        Volatile.Write(ref _cursors.DurableWanted, 0);
    }

    /// <summary>Writer-private read cursor (only the writer thread touches it).</summary>
    public ref long ReadPos => ref _cursors.ReadPos;

    /// <summary>Writer-private: the published position seen at the start of the current pass.</summary>
    public ref long Snapshot => ref _cursors.Snapshot;

    /// <summary>Writer-private: the last position published as durable.</summary>
    public ref long DurablePublished => ref _cursors.DurablePublished;
}
