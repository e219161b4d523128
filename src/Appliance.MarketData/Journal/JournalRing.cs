using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.MarketData.Journal;

/// <summary>
/// Single-producer/single-consumer ring of variable-length journal records, laid out in the ring exactly
/// as in the file (CRC left 0 for the consumer to fill), each padded to 8 bytes in the ring only. A record
/// never wraps: when it does not fit before the end, the producer writes a skip marker and starts at 0.
/// The producer never waits: no room is a counted drop. Same cursor discipline as SpscRing (padded,
/// cached, release/acquire).
/// </summary>
internal sealed class JournalRing
{
    private const uint SkipMarker = uint.MaxValue;

    private readonly byte[] _buffer;
    private readonly long _mask;
    private Cursors _cursors;

    public JournalRing(int capacityBytes)
    {
        if (capacityBytes < 4096 || !BitOperations.IsPow2(capacityBytes))
            throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "A power of two of at least 4096.");
        _buffer = GC.AllocateArray<byte>(capacityBytes, pinned: true);
        _mask = capacityBytes - 1;
    }

    public int Capacity => _buffer.Length;

    /// <summary>Largest payload that fits (a record may take at most half the ring, so the skip never starves it).</summary>
    public int MaxPayload => (_buffer.Length / 2) - JournalFormat.RecordHeaderSize;

    public long Dropped => Volatile.Read(ref _cursors.Dropped);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PaddedSize(int payloadLength) => (JournalFormat.RecordHeaderSize + payloadLength + 7) & ~7;

    /// <summary>Producer: copies one payload record in; false (and counted) when there is no room.</summary>
    public bool TryWrite(long receiveTimestamp, ushort connectionId, ReadOnlySpan<byte> payload) =>
        TryWrite(receiveTimestamp, connectionId, JournalRecordKind.Payload, 0, payload, default);

    /// <summary>
    /// Producer: copies one record of <paramref name="kind"/> in, its payload being <paramref name="prefix"/>
    /// then <paramref name="body"/>; false (and counted) when there is no room.
    /// </summary>
    public bool TryWrite(long receiveTimestamp, ushort connectionId, JournalRecordKind kind, uint aux, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        int length = prefix.Length + body.Length;
        if (length > MaxPayload) { CountDrop(); return false; }
        int size = PaddedSize(length);
        long head = _cursors.Head;
        int pos = (int)(head & _mask);
        int contiguous = _buffer.Length - pos;
        long need = contiguous < size ? contiguous + size : size;
        if (head + need - _cursors.CachedTail > _buffer.Length)
        {
            _cursors.CachedTail = Volatile.Read(ref _cursors.Tail);
            if (head + need - _cursors.CachedTail > _buffer.Length) { CountDrop(); return false; }
        }

        Span<byte> ring = _buffer;
        if (contiguous < size)
        {
            // Positions are 8-aligned, so at least 8 bytes remain for the marker.
            BinaryPrimitives.WriteUInt32LittleEndian(ring[pos..], SkipMarker);
            head += contiguous;
            pos = 0;
        }
        Span<byte> record = ring.Slice(pos, size);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], receiveTimestamp);
        BinaryPrimitives.WriteUInt16LittleEndian(record[16..], connectionId);
        BinaryPrimitives.WriteUInt16LittleEndian(record[18..], (ushort)kind);
        BinaryPrimitives.WriteUInt32LittleEndian(record[20..], aux);
        prefix.CopyTo(record[JournalFormat.RecordHeaderSize..]);
        body.CopyTo(record[(JournalFormat.RecordHeaderSize + prefix.Length)..]);
        Volatile.Write(ref _cursors.Head, head + size);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountDrop() => Volatile.Write(ref _cursors.Dropped, _cursors.Dropped + 1);

    /// <summary>
    /// Consumer: the next record in file layout (header + payload, unpadded), or empty when there is none.
    /// The span stays valid and owned by the consumer until <see cref="Release"/>.
    /// </summary>
    public Span<byte> Peek()
    {
        long tail = _cursors.ConsumerTail;
        if (tail == _cursors.CachedHead)
        {
            _cursors.CachedHead = Volatile.Read(ref _cursors.Head);
            if (tail == _cursors.CachedHead) return default;
        }
        int pos = (int)(tail & _mask);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(pos));
        if (length == SkipMarker)
        {
            tail += _buffer.Length - pos;
            _cursors.ConsumerTail = tail;
            pos = 0;
            length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(0));
        }
        Debug.Assert(length <= MaxPayload);
        _pendingSize = PaddedSize((int)length);
        return _buffer.AsSpan(pos, JournalFormat.RecordHeaderSize + (int)length);
    }

    private int _pendingSize;

    /// <summary>Consumer: gives the peeked record's space back to the producer.</summary>
    public void Release()
    {
        _cursors.ConsumerTail += _pendingSize;
        _pendingSize = 0;
        Volatile.Write(ref _cursors.Tail, _cursors.ConsumerTail);
    }

    public bool IsEmpty => Volatile.Read(ref _cursors.Head) == _cursors.ConsumerTail;

    // Producer fields, consumer fields, and the shared cursors each on their own 128-byte group.
    [StructLayout(LayoutKind.Explicit, Size = 512)]
    private struct Cursors
    {
        [FieldOffset(128)] public long CachedTail;   // producer-private
        [FieldOffset(136)] public long Dropped;      // written by the producer only
        [FieldOffset(256)] public long Head;         // written by the producer
        [FieldOffset(384)] public long Tail;         // written by the consumer
        [FieldOffset(392)] public long ConsumerTail; // consumer-private
        [FieldOffset(400)] public long CachedHead;   // consumer-private
    }
}
