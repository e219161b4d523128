using System.Globalization;
using System.Text;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Venue.Market;

/// <summary>
/// One simulated instrument: the <see cref="Instrument"/> clients configure (symbol, scales, tick, lot) plus
/// where its random walk starts and how large a typical book level is.
/// </summary>
public sealed record VenueInstrument(Instrument Instrument, long StartPriceUnits, long TypicalLevelQuantityUnits)
{
    public string Symbol => Instrument.VenueSymbol;

    /// <summary>Lower-case symbol as it appears in stream names ("btcusdt").</summary>
    public string StreamSymbol { get; } = Instrument.VenueSymbol.ToLowerInvariant();

    public long TickUnits => Instrument.TickSizeUnits;

    public long LotUnits => Instrument.LotSizeUnits;

    /// <summary>
    /// Parses <c>SYMBOL:priceScale:quantityScale:tick:lot:startPrice[:typicalLevelQuantity]</c>,
    /// e.g. <c>XRPUSDT:4:1:0.0001:0.1:0.5210:2000</c>.
    /// </summary>
    public static VenueInstrument Parse(string spec)
    {
        string[] parts = spec.Split(':');
        if (parts.Length is < 6 or > 7)
            throw new FormatException($"instrument '{spec}': expected SYMBOL:priceScale:quantityScale:tick:lot:startPrice[:typicalLevelQuantity]");
        string symbol = parts[0].ToUpperInvariant();
        if (symbol.Length is 0 or > 16 || !symbol.All(char.IsAsciiLetterOrDigit))
            throw new FormatException($"instrument '{spec}': the symbol must be 1 to 16 ASCII letters and digits");
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int priceScale) ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int quantityScale))
            throw new FormatException($"instrument '{spec}': price and quantity scales must be integers");
        Instrument instrument;
        try
        {
            instrument = Instrument.Create(symbol, symbol, priceScale, quantityScale, parts[3], parts[4]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"instrument '{spec}': {e.Message}");
        }
        long start = ParseUnits(spec, "startPrice", parts[5], priceScale);
        if (start % instrument.TickSizeUnits != 0) throw new FormatException($"instrument '{spec}': startPrice is not on the tick");
        long typical = parts.Length == 7 ? ParseUnits(spec, "typicalLevelQuantity", parts[6], quantityScale) : instrument.LotSizeUnits * 100;
        typical -= typical % instrument.LotSizeUnits;
        if (typical <= 0) throw new FormatException($"instrument '{spec}': typicalLevelQuantity is below one lot");
        return new VenueInstrument(instrument, start, typical);
    }

    private static long ParseUnits(string spec, string name, string text, int scale)
    {
        var status = FixedDecimal.TryParse(Encoding.ASCII.GetBytes(text), scale, out long units);
        if (status != FixedParseStatus.Ok || units <= 0)
            throw new FormatException($"instrument '{spec}': {name} '{text}' is not a positive decimal at scale {scale} ({status})");
        return units;
    }
}
