using Appliance.MarketData.Events;
using Appliance.Trading.Exits;
using Appliance.Trading.Risk;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Engine;

public class ReferenceStrategyTests
{
    [Test]
    public void Trades_on_the_synthetic_market_through_risk_and_the_paper_gateway()
    {
        using var f = new EngineFixture(seed: 11);
        f.Run(40_000);
        RiskEngine risk = f.Engine.Risk;
        TestContext.Out.WriteLine($"accepted {risk.Accepted}, refused {risk.TotalRefused}, fills {f.Engine.Orders.Fills}, realized {risk.Realized:F2}, decisions {f.Engine.Decisions.Count}");
        for (int r = 1; r < RiskReasons.Count; r++) if (risk.Refused((RiskReason)r) > 0) TestContext.Out.WriteLine($"  {(RiskReason)r} {risk.Refused((RiskReason)r)}");
        Assert.That(f.Engine.Orders.Fills, Is.GreaterThan(10), "the reference strategy trades");
        Assert.That(risk.Accepted, Is.GreaterThan(10));
        Assert.That(risk.Refused(RiskReason.NotTraded), Is.Zero);
        Assert.That(f.Engine.Decisions.Dropped, Is.Zero);
        Assert.That(f.Engine.Instruments[1].Position.IsFlat, Is.True, "ETH is not traded");
    }

    [Test]
    public void No_entry_before_the_indicators_are_warm()
    {
        using var f = new EngineFixture(seed: 11);
        long firstFillEvent = -1;
        for (int i = 0; i < 40_000 && firstFillEvent < 0; i++)
        {
            f.Market.Next(ref f.Event);
            f.Engine.OnEvent(in f.Event);
            if (!f.Btc.Position.IsFlat) firstFillEvent = f.Engine.EventIndex;
            if (firstFillEvent < 0 && !f.Engine.Risk.IsWarm(0)) Assert.That(f.Btc.WorkingBuy + f.Btc.WorkingSell, Is.Zero, "no order while cold");
        }
        Assert.That(firstFillEvent, Is.GreaterThan(0));
    }

    [Test]
    public void Entries_need_the_configured_confirmation_ticks()
    {
        // With an impossible confirmation nothing ever enters.
        using var f = new EngineFixture(seed: 11, strategy: s => s with { EmaCrossover = s.EmaCrossover with { ConfirmationTicks = 1_000 } });
        f.Run(20_000);
        Assert.That(f.Engine.Orders.Fills, Is.Zero);
        Assert.That(f.Engine.Risk.Accepted, Is.Zero);
    }
}
