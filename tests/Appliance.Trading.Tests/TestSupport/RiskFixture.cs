using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>A risk engine over the two test instruments, warm, in session, priced at 100.00 with a one-cent spread around it.</summary>
internal sealed class RiskFixture
{
    public const long Second = 1_000_000_000;

    public RiskFixture(RiskConfig config)
    {
        Instruments = TestInstruments.States();
        Risk = new RiskEngine(new RiskLimits(config), Instruments);
        foreach (InstrumentState s in Instruments)
        {
            Risk.SetWarm(s.Id, true);
            SetPrice(s.Id, 10_000);
        }
        Risk.StartDay(Now);
    }

    /// <summary>A config with every limit out of the way, so a test can bring one into play.</summary>
    public static RiskConfig Loose => new()
    {
        Capital = 1_000_000_000m,
        MaxPositionPctOfCapital = 100m,
        MaxPositionLots = 1_000_000_000,
        MaxTotalExposurePct = 100m,
        MaxOrderNotional = 1_000_000_000m,
        MaxOrderLots = 1_000_000_000,
        PriceBandPct = 50m,
        OrdersPerSecond = 1_000_000m,
        OrderBurst = 1_000_000,
        MaxOpenOrders = 1_000_000,
        DailyLossLimit = 1_000_000_000m,
        MaxConsecutiveLosses = 0,
        JumpAlertPct = 0m,
    };

    public InstrumentState[] Instruments { get; }
    public RiskEngine Risk { get; }
    public long Now { get; set; } = 1_700_000_000 * Second;

    public InstrumentState Btc => Instruments[0];
    public InstrumentState Eth => Instruments[1];

    /// <summary>Last trade at <paramref name="price"/>, book <paramref name="price"/> ± 0 (bid = ask − tick keeps mid = price within a unit).</summary>
    public void SetPrice(int id, long price)
    {
        InstrumentState s = Instruments[id];
        s.PreviousTrade = s.LastTrade;
        s.LastTrade = price;
        s.BestBid = price - s.Spec.TickSize;
        s.BestAsk = price + s.Spec.TickSize;
        Risk.OnMark(s, Now);
    }

    public RiskReason Buy(long quantity, long price, int id = 0, OrderOrigin origin = OrderOrigin.Strategy) =>
        Risk.Check(new OrderRequest(id, Side.Buy, quantity, price, origin), Now);

    public RiskReason Sell(long quantity, long price, int id = 0, OrderOrigin origin = OrderOrigin.Strategy) =>
        Risk.Check(new OrderRequest(id, Side.Sell, quantity, price, origin), Now);

    /// <summary>A fill of an order that was never working (positions for a test's starting point).</summary>
    public void Fill(Side side, long quantity, long price, int id = 0) => Risk.OnFill(Instruments[id], side, quantity, price, Now);
}
