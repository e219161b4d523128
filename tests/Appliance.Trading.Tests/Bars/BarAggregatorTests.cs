using Appliance.Trading.Bars;

namespace Appliance.Trading.Tests.Bars;

public class BarAggregatorTests
{
    private const long Second = 1_000_000_000;

    [Test]
    public void Time_bars_align_to_the_interval_and_close_on_the_first_trade_past_the_end()
    {
        var bars = new BarAggregator(BarSpec.Time(TimeSpan.FromSeconds(5)));
        long t0 = 1_700_000_002 * Second;
        Assert.That(bars.OnTrade(t0, 100, 1, out _), Is.False);
        Assert.That(bars.OnTrade(t0 + 1 * Second, 104, 2, out _), Is.False);
        Assert.That(bars.OnTrade(t0 + 2 * Second, 98, 1, out _), Is.False);
        Assert.That(bars.OnTrade(t0 + 3 * Second - 1, 101, 3, out _), Is.False);
        // 1_700_000_005 s is the next boundary.
        Assert.That(bars.OnTrade(t0 + 3 * Second, 102, 1, out Bar closed), Is.True);
        Assert.That(closed.OpenTimeNs, Is.EqualTo(1_700_000_000 * Second));
        Assert.That(closed.CloseTimeNs, Is.EqualTo(1_700_000_005 * Second));
        Assert.That((closed.Open, closed.High, closed.Low, closed.Close, closed.Volume, closed.TradeCount), Is.EqualTo((100L, 104L, 98L, 101L, 7L, 4)));
        Assert.That(closed.Index, Is.EqualTo(0));
        Assert.That(bars.Current.Open, Is.EqualTo(102));
        Assert.That(bars.Current.Index, Is.EqualTo(1));
    }

    [Test]
    public void Time_bar_closes_on_a_later_non_trade_event_and_empty_intervals_make_no_bars()
    {
        var bars = new BarAggregator(BarSpec.Time(TimeSpan.FromSeconds(1)));
        bars.OnTrade(10 * Second + 5, 100, 1, out _);
        Assert.That(bars.OnTime(11 * Second - 1, out _), Is.False);
        Assert.That(bars.OnTime(11 * Second, out Bar closed), Is.True);
        Assert.That(closed.Close, Is.EqualTo(100));
        Assert.That(bars.HasOpenBar, Is.False);
        Assert.That(bars.OnTime(20 * Second, out _), Is.False, "nothing open, nothing to close");
        Assert.That(bars.OnTrade(25 * Second + 3, 90, 1, out _), Is.False);
        Assert.That(bars.Current.OpenTimeNs, Is.EqualTo(25 * Second));
        Assert.That(bars.ClosedCount, Is.EqualTo(1));
    }

    [Test]
    public void Tick_bars_close_on_the_nth_trade()
    {
        var bars = new BarAggregator(BarSpec.Ticks(3));
        Assert.That(bars.OnTrade(1, 10, 1, out _), Is.False);
        Assert.That(bars.OnTrade(2, 12, 1, out _), Is.False);
        Assert.That(bars.OnTrade(3, 11, 1, out Bar closed), Is.True);
        Assert.That((closed.OpenTimeNs, closed.CloseTimeNs, closed.Open, closed.High, closed.Low, closed.Close, closed.TradeCount), Is.EqualTo((1L, 3L, 10L, 12L, 10L, 11L, 3)));
        Assert.That(bars.HasOpenBar, Is.False);
        Assert.That(bars.OnTrade(4, 9, 1, out _), Is.False);
        Assert.That(bars.Current.Open, Is.EqualTo(9));
    }

    [Test]
    public void Volume_bars_close_on_the_trade_that_reaches_the_volume_without_splitting_it()
    {
        var bars = new BarAggregator(BarSpec.Volume(10));
        Assert.That(bars.OnTrade(1, 10, 4, out _), Is.False);
        Assert.That(bars.OnTrade(2, 11, 5, out _), Is.False);
        Assert.That(bars.OnTrade(3, 12, 7, out Bar closed), Is.True);
        Assert.That(closed.Volume, Is.EqualTo(16));
        Assert.That(bars.OnTrade(4, 12, 10, out closed), Is.True, "a single trade can fill a bar");
        Assert.That(closed.Volume, Is.EqualTo(10));
        Assert.That(closed.Index, Is.EqualTo(1));
    }

    [Test]
    public void Time_bars_before_the_epoch_still_align()
    {
        var bars = new BarAggregator(BarSpec.Time(TimeSpan.FromSeconds(1)));
        bars.OnTrade(-Second / 2, 1, 1, out _);
        Assert.That(bars.Current.OpenTimeNs, Is.EqualTo(-Second));
    }
}
