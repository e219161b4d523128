namespace Appliance.MarketData.Journal;

/// <summary>One record as read back. <see cref="Payload"/> is only valid until the next read.</summary>
public readonly record struct JournalRecord(long Offset, long ReceiveTimestamp, ushort ConnectionId, ReadOnlyMemory<byte> Payload,
    JournalRecordKind Kind = JournalRecordKind.Payload, uint Aux = 0);
