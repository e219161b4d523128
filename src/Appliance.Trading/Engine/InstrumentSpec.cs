using System.Runtime.CompilerServices;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Trading.Engine;

/// <summary>
/// The numbers trading needs about one instrument: scales, tick and lot in units, and the divisors that
/// turn fixed-point units into prices and quote-currency money. Money is a double: quantity units ×
/// price units is an exact integer below 2^53, and dividing by an exact power of ten rounds correctly, so a
/// notional that is a round number in the quote currency comes out exactly that number.
/// </summary>
public sealed class InstrumentSpec
{
    public InstrumentSpec(int id, Instrument instrument)
    {
        Id = id;
        Symbol = instrument.Symbol;
        VenueSymbol = instrument.VenueSymbol;
        PriceScale = instrument.PriceScale;
        QuantityScale = instrument.QuantityScale;
        TickSize = instrument.TickSizeUnits;
        LotSize = instrument.LotSizeUnits;
        PriceDivisor = FixedDecimal.Pow10(PriceScale);
        QuantityDivisor = FixedDecimal.Pow10(QuantityScale);
        NotionalDivisor = PriceDivisor * QuantityDivisor;
    }

    public int Id { get; }
    public string Symbol { get; }
    public string VenueSymbol { get; }
    public int PriceScale { get; }
    public int QuantityScale { get; }
    public long TickSize { get; }
    public long LotSize { get; }
    public double PriceDivisor { get; }
    public double QuantityDivisor { get; }
    public double NotionalDivisor { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToPrice(long units) => units / PriceDivisor;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToQuantity(long units) => units / QuantityDivisor;

    /// <summary>|quantity| × price in the quote currency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Notional(long quantityUnits, long priceUnits) => Math.Abs((double)quantityUnits * priceUnits) / NotionalDivisor;

    /// <summary>Money for a quantity and a price difference in (possibly fractional) price units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Money(long quantityUnits, double priceUnits) => quantityUnits * priceUnits / NotionalDivisor;

    public long RoundDownToLot(long quantityUnits) => quantityUnits - quantityUnits % LotSize;

    public long RoundToTick(double priceUnits) => (long)Math.Round(priceUnits / TickSize, MidpointRounding.AwayFromZero) * TickSize;

    public long FloorToTick(double priceUnits) => (long)Math.Floor(priceUnits / TickSize) * TickSize;

    public long CeilToTick(double priceUnits) => (long)Math.Ceiling(priceUnits / TickSize) * TickSize;

    public override string ToString() => Symbol;
}
