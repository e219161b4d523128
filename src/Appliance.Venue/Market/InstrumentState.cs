namespace Appliance.Venue.Market;

/// <summary>Everything the generator keeps for one instrument: its book, id counters and pending interval diffs.</summary>
internal sealed class InstrumentState
{
    public InstrumentState(int id, VenueInstrument spec, int depth, long firstUpdateId, long firstTradeId)
    {
        Id = id;
        Spec = spec;
        Depth = depth;
        Bids = new SimBookSide(isBid: true, depth);
        Asks = new SimBookSide(isBid: false, depth);
        LastUpdateId = firstUpdateId - 1;
        LastTradeId = firstTradeId - 1;
        LastAggTradeId = firstTradeId / 2 - 1;
    }

    public int Id { get; }

    public VenueInstrument Spec { get; }

    public int Depth { get; }

    public SimBookSide Bids { get; }

    public SimBookSide Asks { get; }

    public SimBookSide Side(bool bid) => bid ? Bids : Asks;

    /// <summary>The last book update id ("u"); every level change takes the next one.</summary>
    public long LastUpdateId;

    public long LastTradeId;

    public long LastAggTradeId;

    /// <summary>Maker order ids for the trade stream's "b"/"a" fields.</summary>
    public long LastOrderId = 1_000_000;

    // The top of book last published on @bookTicker.
    public long TickerBidPrice, TickerBidQuantity, TickerAskPrice, TickerAskQuantity;

    /// <summary>This step's (or, interval pacing, this interval's) changes.</summary>
    public readonly LevelChanges Step = new();

    // Interval pacing: what @depth@100ms and @depth have accumulated since they were last sent.
    public readonly LevelChanges Pending100 = new();
    public readonly LevelChanges Pending1000 = new();
}
