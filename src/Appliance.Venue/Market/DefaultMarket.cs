using Appliance.MarketData.Instruments;

namespace Appliance.Venue.Market;

/// <summary>The instruments the venue serves when none are configured (docs/venue.md lists them).</summary>
public static class DefaultMarket
{
    public static VenueInstrument BtcUsdt { get; } = Create("BTCUSDT", 2, 5, "0.01", "0.00001", 6_425_000, 50_000);      // 64250.00, ~0.5 BTC a level
    public static VenueInstrument EthUsdt { get; } = Create("ETHUSDT", 2, 4, "0.01", "0.0001", 315_000, 50_000);          // 3150.00, ~5 ETH
    public static VenueInstrument SolUsdt { get; } = Create("SOLUSDT", 3, 3, "0.010", "0.001", 145_120, 50_000);          // 145.120 (tick 10 units), ~50 SOL

    public static IReadOnlyList<VenueInstrument> All { get; } = [BtcUsdt, EthUsdt, SolUsdt];

    /// <summary>A default instrument by symbol (case-insensitive), or null.</summary>
    public static VenueInstrument? Find(string symbol)
    {
        foreach (VenueInstrument i in All)
            if (string.Equals(i.Symbol, symbol, StringComparison.OrdinalIgnoreCase)) return i;
        return null;
    }

    /// <summary>The table a client would configure for these instruments (ids in the same order).</summary>
    public static InstrumentTable TableOf(IEnumerable<VenueInstrument> instruments) =>
        new(instruments.Select(i => i.Instrument));

    private static VenueInstrument Create(string symbol, int priceScale, int quantityScale, string tick, string lot, long start, long typical) =>
        new(Instrument.Create(symbol, symbol, priceScale, quantityScale, tick, lot), start, typical);
}
