using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.Primitives.Rings;

namespace Appliance.MarketData.Tests.Feed;

public class RingEventSinkTests
{
    private static MarketEvent Trade(long id) => new() { Kind = MarketEventKind.Trade, TradeId = id, ReceiveTimestamp = id };

    private static void PublishTrades(ref RingEventSink sink, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            MarketEvent ev = Trade(i);
            sink.Publish(new ReadOnlySpan<MarketEvent>(ref ev));
        }
    }

    private static List<MarketEvent> Drain(SpscRing<MarketEvent> ring)
    {
        var list = new List<MarketEvent>();
        while (ring.TryRead(out MarketEvent ev)) list.Add(ev);
        return list;
    }

    [Test]
    public void Drop_policy_drops_the_newest_counts_it_and_reports_it_once_there_is_room()
    {
        var ring = new SpscRing<MarketEvent>(8);
        var counters = new FeedCounters(1);
        var sink = new RingEventSink(ring, counters, OverloadPolicy.Drop);

        PublishTrades(ref sink, 0, 11);
        Assert.That(counters[FeedCounter.RingDrops], Is.EqualTo(3));
        Assert.That(Drain(ring).Select(e => e.TradeId), Is.EqualTo(Enumerable.Range(0, 8).Select(i => (long)i)));

        sink.Poll(123);
        List<MarketEvent> after = Drain(ring);
        Assert.That(after.Single().Status, Is.EqualTo(FeedStatus.Dropped));
        Assert.That((after[0].StatusDetail, after[0].ReceiveTimestamp), Is.EqualTo((3L, 123L)));
        Assert.That(counters[FeedCounter.RingDropReports], Is.EqualTo(1));
        Assert.That(ring.HighWaterMark, Is.EqualTo(8));
    }

    [Test]
    public void A_multi_event_message_goes_in_whole_or_not_at_all()
    {
        var ring = new SpscRing<MarketEvent>(8);
        var counters = new FeedCounters(1);
        var sink = new RingEventSink(ring, counters, OverloadPolicy.Drop);
        PublishTrades(ref sink, 0, 5);
        var message = new MarketEvent[4];
        for (int i = 0; i < 4; i++) message[i] = new MarketEvent { Kind = MarketEventKind.DepthDiff, Part = (ushort)i, LastId = 99 };

        sink.Publish(message);
        Assert.That((counters[FeedCounter.RingDrops], counters[FeedCounter.RingDroppedMessages]), Is.EqualTo((4L, 1L)));
        Assert.That(Drain(ring), Has.Count.EqualTo(5));

        sink.Publish(message); // room now: the drop report first, then the message
        List<MarketEvent> events = Drain(ring);
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { MarketEventKind.Status, MarketEventKind.DepthDiff, MarketEventKind.DepthDiff, MarketEventKind.DepthDiff, MarketEventKind.DepthDiff }));
        Assert.That(events.Skip(1).Select(e => (int)e.Part), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void Halt_policy_raises_the_halt_flag_once_and_still_counts_every_drop()
    {
        var ring = new SpscRing<MarketEvent>(4);
        var counters = new FeedCounters(1);
        var halt = new HaltFlag();
        var sink = new RingEventSink(ring, counters, OverloadPolicy.Halt, halt: halt);
        PublishTrades(ref sink, 0, 4);
        Assert.That(halt.IsRaised, Is.False);
        PublishTrades(ref sink, 4, 3);
        Assert.That(halt.IsRaised, Is.True);
        Assert.That((counters[FeedCounter.RingDrops], counters[FeedCounter.Halts]), Is.EqualTo((3L, 1L)));
    }

    [Test]
    public void Spin_then_drop_waits_for_a_consumer_that_frees_room_within_the_limit()
    {
        var ring = new SpscRing<MarketEvent>(4);
        var counters = new FeedCounters(1);
        var sink = new RingEventSink(ring, counters, OverloadPolicy.SpinThenDrop, TimeSpan.FromSeconds(5));
        PublishTrades(ref sink, 0, 4);
        long consumed = 0;
        var consumer = new Thread(() =>
        {
            for (int i = 0; i < 8; i++)
            {
                var wait = default(BlockingWait);
                ring.WaitForData(ref wait, TimeSpan.FromSeconds(10));
                Thread.Sleep(2);
                if (ring.TryRead(out _)) Interlocked.Increment(ref consumed);
            }
        });
        consumer.Start();
        PublishTrades(ref sink, 4, 4);
        consumer.Join();

        Assert.That(counters[FeedCounter.RingDrops], Is.Zero);
        Assert.That(Interlocked.Read(ref consumed), Is.EqualTo(8));
    }

    [Test]
    public void Spin_then_drop_gives_up_after_its_limit()
    {
        var ring = new SpscRing<MarketEvent>(2);
        var counters = new FeedCounters(1);
        var sink = new RingEventSink(ring, counters, OverloadPolicy.SpinThenDrop, TimeSpan.FromMilliseconds(20));
        PublishTrades(ref sink, 0, 2);
        long start = Primitives.Time.MonoClock.Now();
        PublishTrades(ref sink, 2, 1);
        double ms = Primitives.Time.MonoClock.ElapsedNanoseconds(start, Primitives.Time.MonoClock.Now()) / 1e6;
        Assert.That(counters[FeedCounter.RingDrops], Is.EqualTo(1));
        Assert.That(ms, Is.GreaterThanOrEqualTo(19).And.LessThan(2000));
    }

    [Test]
    public void Publishing_copies_only_the_header_and_the_levels_in_use()
    {
        var ring = new SpscRing<MarketEvent>(2);
        var sink = new RingEventSink(ring, new FeedCounters(1), OverloadPolicy.Drop);
        var ev = new MarketEvent { Kind = MarketEventKind.BestBidOffer, BidCount = 1, AskCount = 1 };
        ev.Levels[0] = new BookLevel(100, 1);
        ev.Levels[1] = new BookLevel(101, 2);
        ev.Levels[2] = new BookLevel(555, 5);
        sink.Publish(new ReadOnlySpan<MarketEvent>(ref ev));
        Assert.That(ring.TryRead(out MarketEvent copy), Is.True);
        Assert.That(copy.Bids[0], Is.EqualTo(new BookLevel(100, 1)));
        Assert.That(copy.Asks[0], Is.EqualTo(new BookLevel(101, 2)));
        Assert.That(copy.Levels[2], Is.EqualTo(default(BookLevel)));
    }
}
