using Appliance.MarketData.Instruments;
using Appliance.Trading.Engine;

namespace Appliance.Trading.Tests.TestSupport;

internal static class TestInstruments
{
    /// <summary>BTC-USDT: prices in cents (tick 0.01), quantities in thousandths with a lot of 0.01 (10 units).</summary>
    public static readonly Instrument Btc = Instrument.Create("BTC-USDT", "BTCUSDT", 2, 3, "0.01", "0.01");

    /// <summary>ETH-USDT: same scales, tick 0.05, lot 0.001.</summary>
    public static readonly Instrument Eth = Instrument.Create("ETH-USDT", "ETHUSDT", 2, 3, "0.05", "0.001");

    public static InstrumentTable Table() => new([Btc, Eth]);

    public static InstrumentState[] States(bool traded = true)
    {
        InstrumentTable table = Table();
        var states = new InstrumentState[table.Count];
        for (int i = 0; i < states.Length; i++) states[i] = new InstrumentState(new InstrumentSpec(i, table[i])) { Traded = traded };
        return states;
    }
}
