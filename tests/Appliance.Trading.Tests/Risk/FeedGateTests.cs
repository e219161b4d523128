using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Risk;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Risk;

public class FeedGateTests
{
    [Test]
    public void Stale_feed_blocks_entries_until_data_flows_again()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Risk.OnStatus(FeedStatus.Stale, 0, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.FeedUnhealthy));
        Assert.That(f.Buy(10, 10_000, id: 1), Is.EqualTo(RiskReason.Accepted), "only the stale instrument");
        f.Risk.OnData(f.Btc, MarketEventKind.Trade, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }

    [Test]
    public void Connection_wide_status_applies_to_every_instrument()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Risk.OnStatus(FeedStatus.Reconnecting, MarketEvent.NoInstrument, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.FeedUnhealthy));
        Assert.That(f.Buy(10, 10_000, id: 1), Is.EqualTo(RiskReason.FeedUnhealthy));
    }

    [Test]
    public void Gap_clears_on_resync_snapshot_or_after_a_quiet_period()
    {
        RiskFixture f = new(RiskFixture.Loose with { GapClearSeconds = 5 });
        f.Risk.OnStatus(FeedStatus.Gap, 0, f.Now);
        f.Risk.OnData(f.Btc, MarketEventKind.DepthDiff, f.Now + 4 * RiskFixture.Second);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.FeedUnhealthy), "diffs after a gap prove nothing yet");
        f.Risk.OnData(f.Btc, MarketEventKind.Trade, f.Now + 5 * RiskFixture.Second);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));

        f.Risk.OnStatus(FeedStatus.Dropped, 0, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.FeedUnhealthy), "ring overload");
        f.Risk.OnData(f.Btc, MarketEventKind.DepthSnapshot, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));

        f.Risk.OnStatus(FeedStatus.Gap, 0, f.Now);
        f.Risk.OnStatus(FeedStatus.Resynced, 0, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }

    [Test]
    public void Feed_gate_wants_a_flat_position_only_when_configured_and_in_a_position()
    {
        RiskFixture block = new(RiskFixture.Loose);
        RiskFixture flatten = new(RiskFixture.Loose with { FeedGate = FeedGateAction.Flatten });
        foreach (RiskFixture f in new[] { block, flatten }) f.Risk.OnStatus(FeedStatus.Stale, 0, f.Now);
        Assert.That(flatten.Risk.FeedGateWantsFlat(flatten.Btc), Is.False, "flat: nothing to close");
        block.Fill(Side.Buy, 10, 10_000);
        flatten.Fill(Side.Buy, 10, 10_000);
        Assert.That(block.Risk.FeedGateWantsFlat(block.Btc), Is.False);
        Assert.That(flatten.Risk.FeedGateWantsFlat(flatten.Btc), Is.True);
        Assert.That(block.Sell(10, 10_000), Is.EqualTo(RiskReason.Accepted), "reducing passes the gate");
    }

    [TestCase(10_500, false)] // exactly 5 %: not more than the threshold
    [TestCase(10_501, true)]
    [TestCase(9_500, false)]
    [TestCase(9_499, true)]
    public void Jump_alert_on_consecutive_trades(long price, bool alert)
    {
        RiskFixture f = new(RiskFixture.Loose with { JumpAlertPct = 5m, JumpAction = JumpAction.BlockEntries, JumpBlockSeconds = 10 });
        Assert.That(f.Risk.CheckJump(f.Btc, price, 10_000, f.Now), Is.EqualTo(alert));
        Assert.That(f.Risk.JumpAlerts, Is.EqualTo(alert ? 1 : 0));
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(alert ? RiskReason.FeedUnhealthy : RiskReason.Accepted));
        f.Risk.OnData(f.Btc, MarketEventKind.Trade, f.Now + 10 * RiskFixture.Second);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted), "the block runs out");
    }

    [Test]
    public void Jump_alert_alone_does_not_block()
    {
        RiskFixture f = new(RiskFixture.Loose with { JumpAlertPct = 5m, JumpAction = JumpAction.Alert });
        Assert.That(f.Risk.CheckJump(f.Btc, 20_000, 10_000, f.Now), Is.True);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }
}
