namespace Appliance.MarketData.Journal;

/// <summary>
/// The on-disk layout of a raw journal segment (all integers little-endian); docs/market-data.md has the
/// table. A segment is a 64-byte file header followed by records back to back:
/// <code>
/// header  0 magic "APJRNL\r\n" | 8 u16 version | 10 u16 header size | 12 u32 segment index
///         16 i64 created (Unix ns) | 24 i64 MonoClock ticks at creation | 32 i64 MonoClock ticks per second
///         40 20 bytes reserved (0) | 60 u32 CRC-32C of bytes 0..59
/// record  0 u32 payload length L | 4 u32 CRC-32C of bytes 0..3 and 8..24+L | 8 i64 receive timestamp (MonoClock ticks)
///         16 u16 connection id | 18 u16 kind (JournalRecordKind; 0 = payload) | 20 u32 aux (line index) | 24 payload (L bytes)
/// </code>
/// The CRC covers the length, so a torn or flipped length is detected rather than followed blindly.
/// </summary>
public static class JournalFormat
{
    /// <summary>"APJRNL\r\n": the CR LF catches text-mode transfers that would mangle the file.</summary>
    public static ReadOnlySpan<byte> Magic => "APJRNL\r\n"u8;

    public const ushort Version = 1;
    public const int HeaderSize = 64;
    public const int HeaderCrcOffset = 60;
    public const int RecordHeaderSize = 24;

    /// <summary>Larger than any venue message; a bigger length in a file is corruption.</summary>
    public const int MaxPayloadLength = 16 << 20;

    public const string FileExtension = ".journal";

    /// <summary>Segment file name: prefix, dash, six-digit index ("md-000042.journal"), so names sort in order.</summary>
    public static string SegmentFileName(string prefix, int index) => $"{prefix}-{index:D6}{FileExtension}";
}
