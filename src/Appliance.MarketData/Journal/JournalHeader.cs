using System.Buffers.Binary;

namespace Appliance.MarketData.Journal;

/// <summary>
/// A segment's file header. The clock pair (Unix time and MonoClock ticks taken together, plus the tick
/// rate) lets tools turn recorded receive timestamps into wall-clock times and replay pace them.
/// </summary>
public readonly record struct JournalHeader(ushort Version, int SegmentIndex, long CreatedUnixNs, long ClockTicksAtCreation, long ClockTicksPerSecond)
{
    public void Write(Span<byte> destination)
    {
        destination[..JournalFormat.HeaderSize].Clear();
        JournalFormat.Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], JournalFormat.HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], SegmentIndex);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], CreatedUnixNs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], ClockTicksAtCreation);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], ClockTicksPerSecond);
        uint crc = Crc32C.Compute(destination[..JournalFormat.HeaderCrcOffset]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[JournalFormat.HeaderCrcOffset..], crc);
    }

    /// <summary>Parses and checks a header; the error says what is wrong with it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out JournalHeader header, out string? error)
    {
        header = default;
        if (source.Length < JournalFormat.HeaderSize) { error = $"file is {source.Length} bytes, shorter than the {JournalFormat.HeaderSize}-byte header"; return false; }
        if (!source[..8].SequenceEqual(JournalFormat.Magic)) { error = "not a journal (bad magic)"; return false; }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(source[JournalFormat.HeaderCrcOffset..]);
        if (stored != Crc32C.Compute(source[..JournalFormat.HeaderCrcOffset])) { error = "header CRC mismatch"; return false; }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(source[8..]);
        if (version != JournalFormat.Version) { error = $"format version {version}, this build reads {JournalFormat.Version}"; return false; }
        header = new JournalHeader(
            version,
            BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[32..]));
        error = null;
        return true;
    }
}
