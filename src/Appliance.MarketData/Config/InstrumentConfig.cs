using Appliance.MarketData.Instruments;

namespace Appliance.MarketData.Config;

/// <summary>One entry of the <c>instruments</c> section. Sizes are decimal strings so they are exact ("0.01").</summary>
public sealed record InstrumentConfig
{
    /// <summary>Our name ("BTC-USDT").</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The venue's name as it appears in payloads ("BTCUSDT").</summary>
    public string VenueSymbol { get; set; } = "";

    public int PriceScale { get; set; }

    public int QuantityScale { get; set; }

    public string TickSize { get; set; } = "";

    public string LotSize { get; set; } = "";

    /// <summary>Levels a side the order book keeps (and the snapshot depth asked for unless the feed says otherwise).</summary>
    public int BookDepth { get; set; } = 1000;

    /// <summary>Builds the runtime instrument; call only after validation.</summary>
    public Instrument ToInstrument() => Instrument.Create(Symbol, VenueSymbol, PriceScale, QuantityScale, TickSize, LotSize);
}
