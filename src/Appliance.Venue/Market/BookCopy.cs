namespace Appliance.Venue.Market;

/// <summary>A copy of the simulator's book taken between two steps: best-first levels and the last update id they include.</summary>
public sealed class BookCopy
{
    public BookCopy(VenueInstrument instrument, long lastUpdateId, int bids, int asks)
    {
        Instrument = instrument;
        LastUpdateId = lastUpdateId;
        BidPrices = new long[bids];
        BidQuantities = new long[bids];
        AskPrices = new long[asks];
        AskQuantities = new long[asks];
    }

    public VenueInstrument Instrument { get; }

    public long LastUpdateId { get; }

    public long[] BidPrices { get; }

    public long[] BidQuantities { get; }

    public long[] AskPrices { get; }

    public long[] AskQuantities { get; }
}
