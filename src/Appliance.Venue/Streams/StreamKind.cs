namespace Appliance.Venue.Streams;

/// <summary>The Binance spot public streams the venue serves per symbol. Values are bit positions in a subscription mask.</summary>
public enum StreamKind : byte
{
    Trade = 0,
    AggTrade = 1,
    BookTicker = 2,
    /// <summary><c>&lt;sym&gt;@depth</c>: diffs, every 1000 ms at Binance (every update here unless --depth-pace interval).</summary>
    Depth = 3,
    /// <summary><c>&lt;sym&gt;@depth@100ms</c>.</summary>
    Depth100 = 4,
    Depth5 = 5,
    Depth5At100 = 6,
    Depth10 = 7,
    Depth10At100 = 8,
    Depth20 = 9,
    Depth20At100 = 10,
}

/// <summary>Masks and names of <see cref="StreamKind"/>.</summary>
public static class StreamKinds
{
    public const int Count = 11;

    /// <summary>Stream slots per instrument in per-connection counters (a power of two above <see cref="Count"/>).</summary>
    public const int SlotsPerInstrument = 16;

    /// <summary>A log entry with this bit is sent verbatim to every connection (journal replay).</summary>
    public const ushort Verbatim = 1 << 15;

    public static ushort Bit(StreamKind kind) => (ushort)(1 << (int)kind);

    public static readonly string[] Suffixes =
    [
        "trade", "aggTrade", "bookTicker", "depth", "depth@100ms",
        "depth5", "depth5@100ms", "depth10", "depth10@100ms", "depth20", "depth20@100ms",
    ];

    /// <summary>Levels per side of a partial-depth kind, 0 for the others.</summary>
    public static int PartialLevels(StreamKind kind) => kind switch
    {
        StreamKind.Depth5 or StreamKind.Depth5At100 => 5,
        StreamKind.Depth10 or StreamKind.Depth10At100 => 10,
        StreamKind.Depth20 or StreamKind.Depth20At100 => 20,
        _ => 0,
    };

    public static bool Is100Ms(StreamKind kind) =>
        kind is StreamKind.Depth100 or StreamKind.Depth5At100 or StreamKind.Depth10At100 or StreamKind.Depth20At100;

    public static bool TryParseSuffix(ReadOnlySpan<char> suffix, out StreamKind kind)
    {
        for (int i = 0; i < Suffixes.Length; i++)
        {
            if (suffix.SequenceEqual(Suffixes[i]))
            {
                kind = (StreamKind)i;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
