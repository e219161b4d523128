namespace Appliance.Venue.Streams;

/// <summary>
/// One published message in the <see cref="MessageLog"/>: which instrument and streams it serves, the venue ids
/// it carries (for fault accounting), and where its payload lies in the log's byte ring.
/// </summary>
internal struct LogEntry
{
    public long Sequence;
    public long BytePosition;
    public long FirstId;
    public long LastId;
    public int Length;
    public ushort Instrument;
    /// <summary>Bits of <see cref="StreamKind"/> this payload serves (a realtime depth diff serves @depth and @depth@100ms).</summary>
    public ushort Kinds;
}
