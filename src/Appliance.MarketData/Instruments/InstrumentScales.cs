namespace Appliance.MarketData.Instruments;

/// <summary>The per-instrument numbers the decoder needs on every message.</summary>
public readonly record struct InstrumentScales(int PriceScale, int QuantityScale);
