using Appliance.MarketData.Instruments;

namespace Appliance.MarketData.Tests;

internal static class TestInstruments
{
    /// <summary>BTCUSDT id 0 (price scale 2, qty scale 8), BNBBTC id 1 (8, 3), ETHUSDT id 2 (2, 4).</summary>
    public static InstrumentTable Create() => new(
    [
        new Instrument("BTC-USDT", "BTCUSDT", priceScale: 2, quantityScale: 8),
        new Instrument("BNB-BTC", "BNBBTC", priceScale: 8, quantityScale: 3),
        new Instrument("ETH-USDT", "ETHUSDT", priceScale: 2, quantityScale: 4),
    ]);
}
