using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Risk;

/// <summary>
/// Every limit at its value (passes: a limit is the largest allowed), one unit below (passes) and one unit
/// above (refused with its reason, and counted). BTC-USDT prices are cents, quantities thousandths, lot 0.01.
/// </summary>
public class RiskLimitTests
{
    private static RiskFixture With(Func<RiskConfig, RiskConfig> change) => new(change(RiskFixture.Loose));

    [TestCase(500, RiskReason.Accepted)]
    [TestCase(490, RiskReason.Accepted)]
    [TestCase(510, RiskReason.MaxOrderQuantity)]
    public void Max_order_lots(long quantity, RiskReason expected)
    {
        RiskFixture f = With(c => c with { MaxOrderLots = 50 });
        Assert.That(f.Buy(quantity, 10_000), Is.EqualTo(expected));
        Assert.That(f.Risk.Refused(RiskReason.MaxOrderQuantity), Is.EqualTo(expected == RiskReason.Accepted ? 0 : 1));
    }

    [Test]
    public void Per_instrument_lot_override_wins()
    {
        RiskFixture f = With(c => c with { MaxOrderLots = 50, Instruments = new() { ["BTC-USDT"] = new InstrumentRiskConfig { MaxOrderLots = 5 } } });
        Assert.That(f.Buy(50, 10_000), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Buy(60, 10_000), Is.EqualTo(RiskReason.MaxOrderQuantity));
        Assert.That(f.Buy(50, 10_000, id: 1), Is.EqualTo(RiskReason.Accepted), "ETH keeps the global limit (lot 0.001)");
        Assert.That(f.Buy(51, 10_000, id: 1), Is.EqualTo(RiskReason.MaxOrderQuantity));
    }

    [TestCase(10_000, RiskReason.Accepted)]        // 10.000 × 100.00 = 1000.00
    [TestCase(9_990, RiskReason.Accepted)]
    [TestCase(10_010, RiskReason.MaxOrderNotional)]
    public void Max_order_notional(long quantity, RiskReason expected)
    {
        RiskFixture f = With(c => c with { MaxOrderNotional = 1_000m });
        Assert.That(f.Buy(quantity, 10_000), Is.EqualTo(expected));
    }

    [TestCase(10_100, RiskReason.Accepted)]
    [TestCase(10_099, RiskReason.Accepted)]
    [TestCase(10_101, RiskReason.PriceBand)]
    [TestCase(9_900, RiskReason.Accepted)]
    [TestCase(9_901, RiskReason.Accepted)]
    [TestCase(9_899, RiskReason.PriceBand)]
    public void Price_band_around_the_last_trade(long price, RiskReason expected)
    {
        RiskFixture f = With(c => c with { PriceBandPct = 1m });
        Assert.That(f.Buy(10, price), Is.EqualTo(expected));
    }

    [Test]
    public void Price_band_around_the_mid_and_without_a_reference()
    {
        RiskFixture f = With(c => c with { PriceBandPct = 1m, PriceBandReference = PriceReference.Mid });
        f.Btc.LastTrade = 5_000; // far away: only the mid counts
        Assert.That(f.Buy(10, 10_100), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Buy(10, 10_101), Is.EqualTo(RiskReason.PriceBand));
        f.Btc.BestAsk = 0;
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.NoReferencePrice));
    }

    [Test]
    public void Max_open_orders_at_below_and_above()
    {
        RiskFixture f = With(c => c with { MaxOpenOrders = 2 });
        f.Risk.AddWorking(f.Btc, Side.Buy, 10, exit: false, newOrder: true);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted), "one working: this one reaches the limit");
        f.Risk.AddWorking(f.Btc, Side.Buy, 10, exit: false, newOrder: true);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.MaxOpenOrders), "two working: a third would exceed it");
        var amend = new OrderRequest(0, Side.Buy, 20, 10_000) { IsAmend = true, ReplacesQuantity = 10 };
        Assert.That(f.Risk.Check(amend, f.Now), Is.EqualTo(RiskReason.Accepted), "an amend is not another order");
        f.Risk.RemoveWorking(f.Btc, Side.Buy, 10, exit: false, orderDone: true);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }

    [TestCase(500, RiskReason.Accepted)]
    [TestCase(490, RiskReason.Accepted)]
    [TestCase(510, RiskReason.MaxPositionLots)]
    public void Max_position_lots_counts_the_position(long quantity, RiskReason expected)
    {
        RiskFixture f = With(c => c with { MaxPositionLots = 100 }); // 1.000
        f.Fill(Side.Buy, 500, 10_000);
        Assert.That(f.Buy(quantity, 10_000), Is.EqualTo(expected));
    }

    [TestCase(200, RiskReason.Accepted)]
    [TestCase(190, RiskReason.Accepted)]
    [TestCase(210, RiskReason.MaxPositionLots)]
    public void Max_position_lots_counts_working_orders_on_the_same_side(long quantity, RiskReason expected)
    {
        RiskFixture f = With(c => c with { MaxPositionLots = 100 });
        f.Fill(Side.Sell, 500, 10_000);
        f.Risk.AddWorking(f.Btc, Side.Sell, 300, exit: false, newOrder: true);
        f.Risk.AddWorking(f.Btc, Side.Buy, 5_000, exit: false, newOrder: true); // the other side does not help
        Assert.That(f.Sell(quantity, 10_000), Is.EqualTo(expected));
    }

    [TestCase(100_000, RiskReason.Accepted)]     // 100.000 × 100.00 = 10 000 = 10 % of 100 000
    [TestCase(99_990, RiskReason.Accepted)]
    [TestCase(100_010, RiskReason.MaxPositionPct)]
    public void Max_position_share_of_capital(long quantity, RiskReason expected)
    {
        RiskFixture f = With(c => c with { Capital = 100_000m, MaxPositionPctOfCapital = 10m });
        Assert.That(f.Buy(quantity, 10_000), Is.EqualTo(expected));
    }

    [TestCase(50_000, RiskReason.Accepted)]      // 20 000 held in BTC + 5 000 = 25 % of 100 000
    [TestCase(49_999, RiskReason.Accepted)]
    [TestCase(50_001, RiskReason.MaxExposure)]
    public void Max_total_exposure_across_instruments(long ethQuantity, RiskReason expected)
    {
        RiskFixture f = With(c => c with { Capital = 100_000m, MaxTotalExposurePct = 25m });
        f.Fill(Side.Buy, 200_000, 10_000);
        Assert.That(f.Risk.Exposure, Is.EqualTo(20_000));
        Assert.That(f.Buy(ethQuantity, 10_000, id: 1), Is.EqualTo(expected));
    }

    [Test]
    public void Exposure_counts_working_orders_of_other_instruments()
    {
        RiskFixture f = With(c => c with { Capital = 100_000m, MaxTotalExposurePct = 25m });
        f.Risk.AddWorking(f.Btc, Side.Buy, 200_000, exit: false, newOrder: true);
        Assert.That(f.Buy(50_000, 10_000, id: 1), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Buy(50_001, 10_000, id: 1), Is.EqualTo(RiskReason.MaxExposure));
    }

    [Test]
    public void Orders_per_second_token_bucket_at_below_and_above_the_burst()
    {
        RiskFixture f = With(c => c with { OrdersPerSecond = 2m, OrderBurst = 3 });
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted), "the burst itself");
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.RateLimited), "one over the burst");
        f.Now += RiskFixture.Second / 2 - 1;
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.RateLimited), "a nanosecond short of a token");
        f.Now += 1;
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted), "half a second at 2/s refills one");
        Assert.That(f.Risk.Refused(RiskReason.RateLimited), Is.EqualTo(2));
    }

    [Test]
    public void A_refused_order_spends_no_token()
    {
        RiskFixture f = With(c => c with { OrdersPerSecond = 1m, OrderBurst = 1, MaxOrderLots = 1 });
        Assert.That(f.Buy(20, 10_000), Is.EqualTo(RiskReason.MaxOrderQuantity));
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }

    [Test]
    public void Invalid_quantity_and_price_are_refused()
    {
        RiskFixture f = new(RiskFixture.Loose);
        Assert.That(f.Buy(0, 10_000), Is.EqualTo(RiskReason.InvalidQuantity));
        Assert.That(f.Buy(15, 10_000), Is.EqualTo(RiskReason.InvalidQuantity), "not a whole lot");
        Assert.That(f.Buy(10, 0), Is.EqualTo(RiskReason.InvalidPrice));
        Assert.That(f.Buy(1, 10_002, id: 1), Is.EqualTo(RiskReason.InvalidPrice), "ETH tick is 5 units");
    }

    [Test]
    public void Warm_up_gate_blocks_entries_only()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Fill(Side.Buy, 100, 10_000);
        f.Risk.SetWarm(0, false);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.NotWarm));
        Assert.That(f.Sell(100, 10_000), Is.EqualTo(RiskReason.Accepted), "reducing is always allowed");
        f.Risk.SetWarm(0, true);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }

    [Test]
    public void Untraded_instrument_takes_no_entries()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Eth.Traded = false;
        Assert.That(f.Buy(10, 10_000, id: 1), Is.EqualTo(RiskReason.NotTraded));
    }
}
