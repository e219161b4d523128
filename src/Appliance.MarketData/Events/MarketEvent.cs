using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.MarketData.Events;

/// <summary>
/// One decoded market-data event, written in place into a ring slot by the feed thread and read in place
/// by the strategy thread. Blittable and fixed-size so a ring of them is one preallocated array and a
/// journal or digest can hash its bytes.
/// </summary>
/// <remarks>
/// Exactly 512 bytes = 8 cache lines: with a power-of-two size the ring indexes a slot with a shift, and
/// every slot starts on a line boundary (the ring's array is 64-byte aligned on the pinned heap), so the
/// producer filling slot n and the consumer reading slot n-1 never write or read the same cache line.
/// The first 96 bytes (two lines) hold everything but the levels: a trade or a status event touches only
/// those. 26 inline levels cover a BBO, a top-10 snapshot, and most 100 ms diffs of a liquid symbol in
/// one event; larger diffs continue in the following events (<see cref="MarketEventFlags.Continues"/>).
/// Do not reorder fields without updating docs/market-data.md; replay digests hash these bytes.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct MarketEvent
{
    public const int Size = 512;
    public const int HeaderSize = 96;

    /// <summary><see cref="InstrumentId"/> of events that concern no instrument (request answers, connection status).</summary>
    public const ushort NoInstrument = ushort.MaxValue;

    [FieldOffset(0)] public MarketEventKind Kind;
    [FieldOffset(1)] public MarketEventFlags Flags;
    /// <summary>Trades: the taker's side (Binance "m" true = buyer is maker = the seller aggressed).</summary>
    [FieldOffset(2)] public Side Aggressor;
    [FieldOffset(3)] public FeedStatus Status;
    [FieldOffset(4)] public ushort InstrumentId;
    /// <summary>Levels 0..BidCount-1 of <see cref="Levels"/> are bids.</summary>
    [FieldOffset(6)] public byte BidCount;
    /// <summary>Levels BidCount..BidCount+AskCount-1 of <see cref="Levels"/> are asks.</summary>
    [FieldOffset(7)] public byte AskCount;
    [FieldOffset(8)] public ushort ConnectionId;
    /// <summary>0 for the first event of a venue message, 1.. for its continuations.</summary>
    [FieldOffset(10)] public ushort Part;
    [FieldOffset(12)] private int _reserved;

    /// <summary>Venue event time (Binance "E"), Unix nanoseconds; 0 when the message has none.</summary>
    [FieldOffset(16)] public long ExchangeTimeNs;
    /// <summary>Venue transaction time (Binance trade "T"), Unix nanoseconds; 0 when the message has none.</summary>
    [FieldOffset(24)] public long TransactionTimeNs;
    /// <summary>MonoClock ticks when the socket read that carried the message returned.</summary>
    [FieldOffset(32)] public long ReceiveTimestamp;
    /// <summary>MonoClock ticks when decoding of this event finished. Differs run to run: excluded from replay digests.</summary>
    [FieldOffset(40)] public long DecodeTimestamp;
    /// <summary>First venue update id covered (depth "U"; aggTrade "f"); equals <see cref="LastId"/> when the venue gives one id.</summary>
    [FieldOffset(48)] public long FirstId;
    /// <summary>Last venue update id covered (depth "u", snapshot "lastUpdateId", bookTicker "u"; aggTrade "l").</summary>
    [FieldOffset(56)] public long LastId;
    /// <summary>Trade id (trade "t", aggTrade "a"); status events: request id where there is one.</summary>
    [FieldOffset(64)] public long TradeId;
    [FieldOffset(72)] public long Price;
    [FieldOffset(80)] public long Quantity;
    [FieldOffset(88)] public long StatusDetail;

    [FieldOffset(HeaderSize)] public LevelBuffer Levels;

    public readonly int LevelCount => BidCount + AskCount;

    public readonly bool Continues => (Flags & MarketEventFlags.Continues) != 0;

    /// <summary>The bids carried by this event, best first as the venue sent them.</summary>
    [UnscopedRef]
    public ReadOnlySpan<BookLevel> Bids => ((ReadOnlySpan<BookLevel>)Levels)[..BidCount];

    /// <summary>The asks carried by this event.</summary>
    [UnscopedRef]
    public ReadOnlySpan<BookLevel> Asks => ((ReadOnlySpan<BookLevel>)Levels).Slice(BidCount, AskCount);

    /// <summary>Clears the header only: levels past the counts are never read, so a slot need not be wiped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ResetHeader() => Unsafe.InitBlockUnaligned(ref Unsafe.As<MarketEvent, byte>(ref this), 0, HeaderSize);
}
