using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Tests.Support;

namespace Appliance.MarketData.Tests.Feed;

[NonParallelizable]
public class FeedSessionTests
{
    private static readonly string[] BtcStreams = ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Session_connects_subscribes_resyncs_and_its_book_equals_the_venues_at_full_depth()
    {
        await using FeedRig rig = await FeedRig.StartVenueAsync();
        rig.Start([rig.Line("a", BtcStreams)]);

        rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Resynced) && e.Count(x => x.Kind == MarketEventKind.Trade) > 20, Timeout, "resync and trades");
        await rig.PauseAndDrainAsync("BTCUSDT", Timeout);
        await rig.AssertBookEqualsVenueAsync("BTCUSDT");

        List<MarketEvent> events = rig.Collector.Events;
        Assert.That(events[0].Status, Is.EqualTo(FeedStatus.Connected));
        Assert.That(events[1].Status, Is.EqualTo(FeedStatus.Subscribed));
        Assert.That(rig.Session.Counters[FeedCounter.Gaps], Is.Zero);
        Assert.That(rig.Session.Counters[FeedCounter.Malformed], Is.Zero);
        Assert.That(rig.Collector.BookErrors, Is.Zero);
        FeedSessionSnapshot snap = rig.Session.Snapshot();
        Assert.That(snap.Lines[0].Connected, Is.True);
        Assert.That(snap.Published, Is.EqualTo(events.Count));
    }
}
