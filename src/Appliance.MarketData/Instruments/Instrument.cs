using System.Text;
using Appliance.Primitives.FixedPoint;

namespace Appliance.MarketData.Instruments;

/// <summary>
/// One tradable instrument as configured: our symbol, the venue's symbol, and the fixed-point scales its
/// prices and quantities are carried in. Cold-path object; the hot path works with the small integer id
/// an <see cref="InstrumentTable"/> assigns and with the scales it copies into a flat array.
/// </summary>
public sealed record Instrument
{
    public Instrument(string symbol, string venueSymbol, int priceScale, int quantityScale, long tickSizeUnits = 1, long lotSizeUnits = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentException.ThrowIfNullOrEmpty(venueSymbol);
        ArgumentOutOfRangeException.ThrowIfNegative(priceScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priceScale, FixedDecimal.MaxScale);
        ArgumentOutOfRangeException.ThrowIfNegative(quantityScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantityScale, FixedDecimal.MaxScale);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickSizeUnits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lotSizeUnits);
        foreach (char c in venueSymbol)
        {
            // The table folds ASCII case (streams name symbols in lower case, payloads in upper case),
            // which is only sound for printable ASCII.
            if (c <= ' ' || c > '~') throw new ArgumentException($"Venue symbol '{venueSymbol}' must be printable ASCII.", nameof(venueSymbol));
        }

        Symbol = symbol;
        VenueSymbol = venueSymbol;
        PriceScale = priceScale;
        QuantityScale = quantityScale;
        TickSizeUnits = tickSizeUnits;
        LotSizeUnits = lotSizeUnits;
    }

    /// <summary>Builds from decimal strings as they appear in config ("0.01"), checked exactly against the scales.</summary>
    public static Instrument Create(string symbol, string venueSymbol, int priceScale, int quantityScale, string tickSize, string lotSize)
    {
        long tick = ParseUnits(tickSize, priceScale, nameof(tickSize));
        long lot = ParseUnits(lotSize, quantityScale, nameof(lotSize));
        return new Instrument(symbol, venueSymbol, priceScale, quantityScale, tick, lot);
    }

    /// <summary>Our name for it ("BTC-USDT").</summary>
    public string Symbol { get; }

    /// <summary>The venue's name for it, as it appears in payloads ("BTCUSDT").</summary>
    public string VenueSymbol { get; }

    /// <summary>Prices are carried as units of 10^-PriceScale.</summary>
    public int PriceScale { get; }

    /// <summary>Quantities are carried as units of 10^-QuantityScale.</summary>
    public int QuantityScale { get; }

    /// <summary>Minimum price increment, in price units.</summary>
    public long TickSizeUnits { get; }

    /// <summary>Minimum quantity increment, in quantity units.</summary>
    public long LotSizeUnits { get; }

    private static long ParseUnits(string text, int scale, string name)
    {
        var status = FixedDecimal.TryParse(Encoding.ASCII.GetBytes(text), scale, out long units);
        if (status != FixedParseStatus.Ok || units <= 0)
            throw new ArgumentException($"{name} '{text}' is not a positive decimal at scale {scale} ({status}).", name);
        return units;
    }
}
