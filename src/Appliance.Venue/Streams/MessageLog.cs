using System.Runtime.InteropServices;

namespace Appliance.Venue.Streams;

/// <summary>
/// The market's output, serialised once and shared by every connection: a single-writer ring of
/// <see cref="LogEntry"/> plus a byte ring holding the payloads contiguously. The generator appends; each
/// connection reads from its own cursor, filters by its subscriptions and frames what it wants. A reader that
/// falls a whole ring behind notices (<see cref="IsIntact"/>) instead of reading torn data.
/// </summary>
internal sealed class MessageLog
{
    private readonly LogEntry[] _entries;
    private readonly int _entryMask;
    private readonly byte[] _bytes;
    private readonly long _byteMask;
    private readonly SlowConsumerPolicy _policy;
    private Func<long>? _slowestReader;

    // Written by the generator only; read by connections.
    private long _head;
    private long _byteHead;
    private long _reclaimedSequence = long.MinValue;
    private long _reclaimedByte = long.MinValue;
    private long _blockedWaits;

    public MessageLog(int entryCapacity, int byteCapacity, SlowConsumerPolicy policy)
    {
        if (!int.IsPow2(entryCapacity) || !int.IsPow2(byteCapacity))
            throw new ArgumentException("log capacities must be powers of two");
        _entries = new LogEntry[entryCapacity];
        _entryMask = entryCapacity - 1;
        _bytes = GC.AllocateUninitializedArray<byte>(byteCapacity);
        _byteMask = byteCapacity - 1;
        _policy = policy;
    }

    /// <summary>Entries the log holds.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The largest payload the log takes (a quarter of its bytes).</summary>
    public int MaxPayload => _bytes.Length / 4;

    public SlowConsumerPolicy Policy => _policy;

    /// <summary>Sequence of the next entry to be written: entries [0, Head) are published.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>Times the generator waited for a slow reader (block policy).</summary>
    public long BlockedWaits => Volatile.Read(ref _blockedWaits);

    /// <summary>Block policy: the sequence of the slowest reader's next entry (long.MaxValue when there are none).</summary>
    public void SetSlowestReader(Func<long> slowest) => _slowestReader = slowest;

    /// <summary>Appends a payload. Generator thread only. Returns false (nothing written) when stopping while blocked.</summary>
    public bool Append(int instrument, ushort kinds, long firstId, long lastId, ReadOnlySpan<byte> payload, Func<bool>? stopping = null)
    {
        if (payload.Length > MaxPayload)
            throw new InvalidOperationException($"payload of {payload.Length} bytes exceeds the log's limit of {MaxPayload}");
        long seq = _head;
        long position = _byteHead;
        long offset = position & _byteMask;
        // Payloads are contiguous: skip the ring's tail when it cannot hold this one.
        if (offset + payload.Length > _bytes.Length) position += _bytes.Length - offset;
        long end = position + payload.Length;

        if (_policy == SlowConsumerPolicy.Block && !WaitForReaders(seq, end, stopping)) return false;

        // Announce what is about to be overwritten before touching it; readers check after they copy.
        Volatile.Write(ref _reclaimedSequence, seq - _entries.Length + 1);
        Volatile.Write(ref _reclaimedByte, end - _bytes.Length);
        Interlocked.MemoryBarrier();

        payload.CopyTo(_bytes.AsSpan((int)(position & _byteMask)));
        ref LogEntry e = ref _entries[(int)seq & _entryMask];
        e.Sequence = seq;
        e.BytePosition = position;
        e.Length = payload.Length;
        e.Instrument = (ushort)instrument;
        e.Kinds = kinds;
        e.FirstId = firstId;
        e.LastId = lastId;
        _byteHead = end;
        Volatile.Write(ref _head, seq + 1);
        return true;
    }

    /// <summary>The entry at <paramref name="sequence"/> (must be below <see cref="Head"/>); check <see cref="IsIntact"/> after use.</summary>
    public LogEntry EntryAt(long sequence) => _entries[(int)sequence & _entryMask];

    /// <summary>The payload of an entry. Valid only if <see cref="IsIntact"/> still holds after it was copied.</summary>
    public ReadOnlySpan<byte> PayloadOf(in LogEntry entry) =>
        MemoryMarshal.CreateReadOnlySpan(ref _bytes[(int)(entry.BytePosition & _byteMask)], entry.Length);

    /// <summary>True when neither the entry nor its payload has been overwritten (call after copying them).</summary>
    public bool IsIntact(in LogEntry entry, long sequence)
    {
        Interlocked.MemoryBarrier();
        return entry.Sequence == sequence
            && sequence >= Volatile.Read(ref _reclaimedSequence)
            && entry.BytePosition >= Volatile.Read(ref _reclaimedByte);
    }

    private bool WaitForReaders(long seq, long end, Func<bool>? stopping)
    {
        var spin = new SpinWait();
        bool counted = false;
        while (true)
        {
            long slowest = _slowestReader?.Invoke() ?? long.MaxValue;
            if (slowest >= seq) return true; // every reader is caught up
            long slowestByte = _entries[(int)slowest & _entryMask].BytePosition;
            if (seq - slowest < _entries.Length && end - slowestByte <= _bytes.Length) return true;
            if (stopping?.Invoke() == true) return false;
            if (!counted) { Interlocked.Increment(ref _blockedWaits); counted = true; }
            spin.SpinOnce(sleep1Threshold: 30);
        }
    }
}
