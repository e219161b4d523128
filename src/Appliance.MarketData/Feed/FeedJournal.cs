using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Feed;

/// <summary>
/// Writes a feed session's inputs to the raw journal, one record per processor call, in the order the
/// processor sees them (see <see cref="JournalRecordKind"/> for each layout). Feed thread only; never
/// waits, never allocates: a record the journal's ring cannot take is counted in <see cref="FeedCounter.JournalDrops"/>.
/// </summary>
internal sealed class FeedJournal(JournalWriter writer, FeedCounters counters)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Payload(int line, ushort connectionId, long timestamp, ReadOnlySpan<byte> payload)
    {
        if (!writer.TryAppend(timestamp, connectionId, JournalRecordKind.Payload, (uint)line, payload)) Dropped();
    }

    public void SessionStart(long timestamp, ReadOnlySpan<byte> description)
    {
        if (!writer.TryAppend(timestamp, 0, JournalRecordKind.SessionStart, 0, description)) Dropped();
    }

    public void Connected(int line, ushort connectionId, int attempt, long timestamp)
    {
        Span<byte> p = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(p, (uint)attempt);
        if (!writer.TryAppend(timestamp, connectionId, JournalRecordKind.Connected, (uint)line, p)) Dropped();
    }

    public void Disconnected(int line, ushort connectionId, DisconnectReason reason, int backoffMs, long timestamp)
    {
        Span<byte> p = stackalloc byte[8];
        p.Clear();
        p[0] = (byte)reason;
        BinaryPrimitives.WriteInt32LittleEndian(p[4..], backoffMs);
        if (!writer.TryAppend(timestamp, connectionId, JournalRecordKind.Disconnected, (uint)line, p)) Dropped();
    }

    public void Stale(int line, ushort connectionId, long silenceMs, long timestamp)
    {
        Span<byte> p = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(p, silenceMs);
        if (!writer.TryAppend(timestamp, connectionId, JournalRecordKind.Stale, (uint)line, p)) Dropped();
    }

    public void Snapshot(int instrumentId, int requestId, int httpStatus, ReadOnlySpan<byte> body, long timestamp)
    {
        Span<byte> p = stackalloc byte[SnapshotPrefixSize];
        WriteSnapshotPrefix(p, instrumentId, requestId, httpStatus);
        if (!writer.TryAppend(timestamp, 0, JournalRecordKind.Snapshot, 0, p, body)) Dropped();
    }

    public void ResyncRequested(int instrumentId, long timestamp)
    {
        Span<byte> p = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(p, (ushort)instrumentId);
        if (!writer.TryAppend(timestamp, 0, JournalRecordKind.ResyncRequested, 0, p)) Dropped();
    }

    public const int SnapshotPrefixSize = 12;

    public static void WriteSnapshotPrefix(Span<byte> p, int instrumentId, int requestId, int httpStatus)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(p, (ushort)instrumentId);
        BinaryPrimitives.WriteUInt16LittleEndian(p[2..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(p[4..], requestId);
        BinaryPrimitives.WriteInt32LittleEndian(p[8..], httpStatus);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Dropped() => counters.Increment(FeedCounter.JournalDrops);
}
