using Appliance.MarketData.Books;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Tests.Feed;

public class FeedProcessorTests
{
    private static readonly string[] Trades = ["btcusdt@trade"];
    private static readonly string[] Depth = ["btcusdt@depth@100ms"];

    [Test]
    public void Gap_in_trade_ids_publishes_a_gap_event_naming_the_missing_ids_after_the_trade()
    {
        var h = new ProcessorHarness(Trades);
        foreach (long id in new long[] { 1, 2, 5, 6 }) h.Send(Msg.Trade(id));

        Assert.That(h.Script(), Is.EqualTo(new[] { "T1", "T2", "T5", "Gap3-4", "T6" }));
        MarketEvent gap = h.Statuses(FeedStatus.Gap).Single();
        Assert.That((gap.InstrumentId, gap.StatusDetail), Is.EqualTo(((ushort)0, 2L)));
        Assert.That((h.Counters[FeedCounter.Gaps], h.Counters[FeedCounter.MissingIds]), Is.EqualTo((1L, 2L)));
    }

    [Test]
    public void Duplicates_after_a_reconnect_are_dropped_and_counted()
    {
        var h = new ProcessorHarness(Trades);
        h.Processor.OnConnected(0, 1, 1, h.Clock);
        foreach (long id in new long[] { 1, 2, 3 }) h.Send(Msg.Trade(id));
        h.Processor.OnDisconnected(0, 1, DisconnectReason.Failed, 100, h.Clock);
        h.Processor.OnConnected(0, 2, 1, h.Clock);
        foreach (long id in new long[] { 2, 3, 4 }) Assert.That(h.Send(Msg.Trade(id), connection: 2), Is.EqualTo(id < 4 ? MessageOutcome.Duplicate : MessageOutcome.Forwarded));

        Assert.That(h.Script(), Is.EqualTo(new[] { "Connected", "T1", "T2", "T3", "Reconnecting", "Connected", "T4" }));
        Assert.That(h.Counters[FeedCounter.Duplicates], Is.EqualTo(2));
        Assert.That(h.Counters.Line(0, FeedLineCounter.Duplicates), Is.EqualTo(2));
        Assert.That(h.Counters[FeedCounter.Gaps], Is.Zero);
        MarketEvent reconnecting = h.Statuses(FeedStatus.Reconnecting).Single();
        Assert.That((reconnecting.StatusDetail, reconnecting.FirstId), Is.EqualTo((100L, (long)DisconnectReason.Failed)));
    }

    [Test]
    public void Trades_missed_while_disconnected_show_as_a_gap()
    {
        var h = new ProcessorHarness(Trades);
        h.Send(Msg.Trade(10));
        h.Processor.OnDisconnected(0, 1, DisconnectReason.Stale, 100, h.Clock);
        h.Send(Msg.Trade(17), connection: 2);
        Assert.That(h.Script(), Is.EqualTo(new[] { "T10", "Reconnecting", "T17", "Gap11-16" }));
    }

    [Test]
    public void AggTrade_ids_are_tracked_apart_from_trade_ids()
    {
        var h = new ProcessorHarness(["btcusdt@trade", "btcusdt@aggTrade"]);
        h.Send(Msg.Trade(100));
        h.Send(Msg.AggTrade(7));
        h.Send(Msg.AggTrade(8));
        h.Send(Msg.Trade(101));
        h.Send(Msg.AggTrade(8));
        Assert.That(h.Script(), Is.EqualTo(new[] { "T100", "T7", "T8", "T101" }));
        Assert.That(h.Counters[FeedCounter.Duplicates], Is.EqualTo(1));
    }

    [Test]
    public void Book_ticker_updates_are_deduplicated_but_never_gaps()
    {
        var h = new ProcessorHarness(["btcusdt@bookTicker"]);
        foreach (long u in new long[] { 10, 15, 15, 14, 40 }) h.Send(Msg.BookTicker(u));
        Assert.That(h.Script(), Is.EqualTo(new[] { "B10", "B15", "B40" }));
        Assert.That(h.Counters[FeedCounter.Duplicates], Is.EqualTo(2));
    }

    [Test]
    public void First_diffs_are_buffered_until_the_snapshot_then_published_by_binance_rules()
    {
        var h = new ProcessorHarness(Depth);
        Assert.That(h.Send(Msg.Depth(10, 12)), Is.EqualTo(MessageOutcome.Buffered));
        SnapshotRequest request = h.TakeRequests().Single();
        Assert.That(request.InstrumentId, Is.Zero);
        h.Send(Msg.Depth(13, 15));
        h.Send(Msg.Depth(16, 18));
        Assert.That(h.TakeRequests(), Is.Empty, "one request at a time");
        Assert.That(h.Events, Is.Empty);

        h.Processor.OnSnapshot(0, request.RequestId, 200, Msg.Snapshot(14, [("99.00", "1")], [("102.00", "1")]), h.Clock += 1000);
        h.Send(Msg.Depth(19, 20));

        Assert.That(h.Script(), Is.EqualTo(new[] { "S14", "D13-15", "D16-18", "Resynced14", "D19-20" }));
        Assert.That(h.Processor.DepthState(0), Is.EqualTo(DepthSyncState.Synced));
        Assert.That(h.Counters[FeedCounter.Resyncs], Is.EqualTo(1));
        Assert.That(h.Counters[FeedCounter.Superseded], Is.EqualTo(1));
        Assert.That(h.Statuses(FeedStatus.Resynced).Single().LastId, Is.EqualTo(18));
    }

    [Test]
    public void A_snapshot_older_than_the_buffered_diffs_is_fetched_again()
    {
        var h = new ProcessorHarness(Depth);
        h.Send(Msg.Depth(10, 12));
        int first = h.TakeRequests().Single().RequestId;
        h.Processor.OnSnapshot(0, first, 200, Msg.Snapshot(5, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        SnapshotRequest again = h.TakeRequests().Single();
        Assert.That(again.RequestId, Is.Not.EqualTo(first));
        Assert.That(h.Counters[FeedCounter.SnapshotsTooOld], Is.EqualTo(1));
        Assert.That(h.Events, Is.Empty);

        h.Processor.OnSnapshot(0, first, 200, Msg.Snapshot(11, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        Assert.That(h.Counters[FeedCounter.SnapshotsIgnored], Is.EqualTo(1), "an answer to a request no longer wanted");
        h.Processor.OnSnapshot(0, again.RequestId, 200, Msg.Snapshot(11, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        Assert.That(h.Script(), Is.EqualTo(new[] { "S11", "D10-12", "Resynced11" }));
    }

    [Test]
    public void A_failed_or_garbage_snapshot_is_requested_again()
    {
        var h = new ProcessorHarness(Depth);
        h.Send(Msg.Depth(10, 12));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 503, "busy"u8, h.Clock);
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, "{\"lastUpdateId\":"u8, h.Clock);
        Assert.That(h.TakeRequests(), Has.Count.EqualTo(1));
        Assert.That(h.Counters[FeedCounter.SnapshotFailures], Is.EqualTo(2));
        Assert.That(h.Processor.DepthState(0), Is.EqualTo(DepthSyncState.Buffering));
    }

    [Test]
    public void Gap_in_depth_update_ids_publishes_a_gap_and_resyncs()
    {
        var h = new ProcessorHarness(Depth);
        h.Send(Msg.Depth(10, 12));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(12, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        h.Send(Msg.Depth(13, 14));
        Assert.That(h.Send(Msg.Depth(18, 19)), Is.EqualTo(MessageOutcome.Buffered));
        h.Send(Msg.Depth(20, 21));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(19, [("99.00", "1")], [("102.00", "1")]), h.Clock);

        Assert.That(h.Script(), Is.EqualTo(new[] { "S12", "Resynced12", "D13-14", "Gap15-17", "S19", "D20-21", "Resynced19" }));
    }

    [Test]
    public void Duplicate_depth_diffs_are_dropped_while_synced_and_while_buffering()
    {
        var h = new ProcessorHarness(Depth);
        h.Send(Msg.Depth(10, 12));
        Assert.That(h.Send(Msg.Depth(10, 12)), Is.EqualTo(MessageOutcome.Duplicate));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(11, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        h.Send(Msg.Depth(13, 14));
        Assert.That(h.Send(Msg.Depth(13, 14)), Is.EqualTo(MessageOutcome.Duplicate));
        Assert.That(h.Script(), Is.EqualTo(new[] { "S11", "D10-12", "Resynced11", "D13-14" }));
        Assert.That(h.Counters[FeedCounter.Duplicates], Is.EqualTo(2));
    }

    [Test]
    public void A_resync_request_rebuilds_the_book_from_a_fresh_snapshot()
    {
        var h = new ProcessorHarness(Depth);
        h.Send(Msg.Depth(10, 12));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(12, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        h.Processor.OnResyncRequested(0, h.Clock);
        h.Send(Msg.Depth(13, 14));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(14, [("98.00", "1")], [("103.00", "1")]), h.Clock);
        h.Send(Msg.Depth(15, 15));
        Assert.That(h.Script(), Is.EqualTo(new[] { "S12", "Resynced12", "S14", "Resynced14", "D15-15" }));
    }

    [Test]
    public void Large_snapshots_continue_over_several_events_and_rebuild_the_book_exactly()
    {
        var h = new ProcessorHarness(Depth);
        var bids = Enumerable.Range(0, 100).Select(i => ($"{1000 - i}.00", $"{i + 1}")).ToArray();
        var asks = Enumerable.Range(0, 100).Select(i => ($"{1001 + i}.00", $"{i + 1}")).ToArray();
        h.Send(Msg.Depth(50, 51, bids: [("999.00", "0")], asks: [("1001.00", "7")]));
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(50, bids, asks), h.Clock);

        var book = new OrderBook(0, 1000);
        foreach (MarketEvent e in h.Events)
            if (e.Kind is MarketEventKind.DepthDiff or MarketEventKind.DepthSnapshot) Assert.That(book.Apply(e), Is.EqualTo(BookUpdateResult.Ok));

        Assert.That(h.Events.Count(e => e.Kind == MarketEventKind.DepthSnapshot), Is.EqualTo(8), "200 levels / 26 per event");
        Assert.That((book.BidCount, book.AskCount), Is.EqualTo((99, 100)));
        Assert.That(book.BestBid, Is.EqualTo(new BookLevel(100000, 100_000_000)));
        Assert.That(book.BestAsk, Is.EqualTo(new BookLevel(100100, 700_000_000)));
        Assert.That(book.LastUpdateId, Is.EqualTo(51));
    }

    [Test]
    public void Arbitration_forwards_the_first_copy_and_counts_wins_losses_and_lead_per_line()
    {
        var h = new ProcessorHarness(Trades, lines: 2);
        h.Send(Msg.Trade(1), line: 0);
        h.Send(Msg.Trade(1), line: 1);
        h.Send(Msg.Trade(2), line: 1);
        h.Send(Msg.Trade(2), line: 0);
        h.Send(Msg.Trade(3), line: 0);
        h.Send(Msg.Trade(3), line: 0);

        Assert.That(h.Script(), Is.EqualTo(new[] { "T1", "T2", "T3" }));
        Assert.That(h.Events.Select(e => e.ConnectionId), Is.All.EqualTo((ushort)1));
        Assert.That((h.Counters.Line(0, FeedLineCounter.Wins), h.Counters.Line(1, FeedLineCounter.Wins)), Is.EqualTo((2L, 1L)));
        Assert.That((h.Counters.Line(0, FeedLineCounter.Losses), h.Counters.Line(1, FeedLineCounter.Losses)), Is.EqualTo((1L, 1L)));
        Assert.That(h.Counters.Line(0, FeedLineCounter.Duplicates), Is.EqualTo(1), "line 0 sent 3 twice itself");
        Assert.That(h.Counters.Line(0, FeedLineCounter.LeadCount), Is.EqualTo(1));
        Assert.That(h.Counters.Line(0, FeedLineCounter.LeadSumNs), Is.GreaterThan(0));
        Assert.That(h.Counters.LeadRecorder(0).GetIntervalHistogram().TotalCount, Is.EqualTo(1));
    }

    [Test]
    public void Arbitration_fills_a_hole_on_one_line_from_the_other_when_it_arrives_first()
    {
        var h = new ProcessorHarness(Depth, lines: 2);
        h.Send(Msg.Depth(10, 12), line: 0);
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(12, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        h.Send(Msg.Depth(13, 14), line: 1); // line 0 lost this one
        h.Send(Msg.Depth(15, 16), line: 0);
        h.Send(Msg.Depth(15, 16), line: 1);
        Assert.That(h.Script(), Is.EqualTo(new[] { "S12", "Resynced12", "D13-14", "D15-16" }));
        Assert.That(h.Counters[FeedCounter.Gaps], Is.Zero);
    }

    /// <summary>Two arbitrated lines, both connected (connections 1 and 2).</summary>
    private static ProcessorHarness TwoLinesUp(string[] streams)
    {
        var h = new ProcessorHarness(streams, lines: 2);
        h.Processor.OnConnected(0, 1, 1, h.Clock);
        h.Processor.OnConnected(1, 2, 1, h.Clock);
        return h;
    }

    [Test]
    public void A_reconnected_line_ahead_of_a_slower_line_is_held_back_until_the_slower_line_fills_the_hole()
    {
        ProcessorHarness h = TwoLinesUp(Trades);
        h.Send(Msg.Trade(1), line: 0);
        h.Send(Msg.Trade(2), line: 0);
        h.Send(Msg.Trade(1), line: 1); // line 1 lags
        h.Processor.OnDisconnected(0, 1, DisconnectReason.ClosedByServer, 50, h.Clock);
        h.Processor.OnConnected(0, 3, 1, h.Clock);
        // Line 0's new connection starts at the venue's present (5); line 1 still has 2..4 on the way.
        Assert.That(h.Send(Msg.Trade(5), line: 0, connection: 3), Is.EqualTo(MessageOutcome.HeldBack));
        h.Send(Msg.Trade(2), line: 1);
        h.Send(Msg.Trade(3), line: 1);
        Assert.That(h.Send(Msg.Trade(6), line: 0, connection: 3), Is.EqualTo(MessageOutcome.HeldBack));
        h.Send(Msg.Trade(4), line: 1);
        h.Send(Msg.Trade(5), line: 1);
        h.Send(Msg.Trade(6), line: 1);
        Assert.That(h.Send(Msg.Trade(7), line: 0, connection: 3), Is.EqualTo(MessageOutcome.Forwarded), "continues the merged stream: joined");
        Assert.That(h.Send(Msg.Trade(7), line: 1), Is.EqualTo(MessageOutcome.Duplicate));
        Assert.That(h.Send(Msg.Trade(9), line: 0, connection: 3), Is.EqualTo(MessageOutcome.Forwarded), "a joined line's hole is a gap at once");

        Assert.That(h.Script().Where(x => x[0] == 'T' || x.StartsWith("Gap")), Is.EqualTo(new[] { "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T9", "Gap8-8" }));
        Assert.That(h.Counters[FeedCounter.HeldBack], Is.EqualTo(2));
        Assert.That(h.Counters.Line(0, FeedLineCounter.HeldBack), Is.EqualTo(2));
    }

    [Test]
    public void A_held_back_line_joins_with_a_gap_once_the_hold_is_over_or_when_no_other_line_is_up()
    {
        ProcessorHarness h = TwoLinesUp(Trades);
        h.Send(Msg.Trade(1), line: 1);
        h.Processor.OnConnected(0, 3, 1, h.Clock); // line 0 reconnects ahead; line 1 never fills
        Assert.That(h.Send(Msg.Trade(4), line: 0, connection: 3), Is.EqualTo(MessageOutcome.HeldBack));
        h.Clock += MonoClock.FromNanoseconds(FeedProcessor<CollectingEventSink>.DefaultRejoinHoldMs * 1_000_000L);
        Assert.That(h.Send(Msg.Trade(5), line: 0, connection: 3), Is.EqualTo(MessageOutcome.Forwarded), "the hold is over");
        Assert.That(h.Script().Where(x => x[0] == 'T' || x.StartsWith("Gap")), Is.EqualTo(new[] { "T1", "T5", "Gap2-4" }));

        // Line 1 goes down: line 0 reconnecting ahead has nobody to wait for.
        h.Processor.OnDisconnected(1, 2, DisconnectReason.ClosedByServer, 50, h.Clock);
        h.Processor.OnConnected(0, 4, 1, h.Clock);
        Assert.That(h.Send(Msg.Trade(8), line: 0, connection: 4), Is.EqualTo(MessageOutcome.Forwarded));
        Assert.That(h.Statuses(FeedStatus.Gap).Last().FirstId, Is.EqualTo(6));
        Assert.That(h.Counters[FeedCounter.HeldBack], Is.EqualTo(1));
    }

    [Test]
    public void A_reconnected_line_ahead_on_depth_diffs_waits_for_the_other_line_instead_of_resyncing()
    {
        ProcessorHarness h = TwoLinesUp(Depth);
        h.Send(Msg.Depth(10, 12), line: 0);
        h.Processor.OnSnapshot(0, h.TakeRequests().Single().RequestId, 200, Msg.Snapshot(12, [("99.00", "1")], [("102.00", "1")]), h.Clock);
        h.Send(Msg.Depth(13, 14), line: 0);
        h.Send(Msg.Depth(13, 14), line: 1);
        h.Processor.OnConnected(0, 3, 1, h.Clock);
        Assert.That(h.Send(Msg.Depth(17, 18), line: 0, connection: 3), Is.EqualTo(MessageOutcome.HeldBack));
        h.Send(Msg.Depth(15, 16), line: 1);
        h.Send(Msg.Depth(17, 18), line: 1);
        Assert.That(h.Send(Msg.Depth(19, 20), line: 0, connection: 3), Is.EqualTo(MessageOutcome.Forwarded));
        Assert.That(h.Script().Where(x => x[0] is 'D' or 'G' or 'R'), Is.EqualTo(new[] { "Resynced12", "D13-14", "D15-16", "D17-18", "D19-20" }));
        Assert.That(h.Counters[FeedCounter.Gaps], Is.Zero);
        Assert.That(h.Processor.DepthState(0), Is.EqualTo(DepthSyncState.Synced));
    }

    [Test]
    public void A_rejoin_hold_of_zero_declares_the_gap_at_once()
    {
        var counters = new FeedCounters(2);
        var events = new List<MarketEvent>();
        var p = new FeedProcessor<CollectingEventSink>(TestInstruments.Create(), Trades, 2, counters, new CollectingEventSink(events), rejoinHoldMs: 0);
        p.OnConnected(0, 1, 1, 1000);
        p.OnConnected(1, 2, 1, 1000);
        p.OnMessage(1, 2, 2000, Msg.Trade(1));
        p.OnConnected(0, 3, 1, 3000);
        Assert.That(p.OnMessage(0, 3, 4000, Msg.Trade(4)), Is.EqualTo(MessageOutcome.Forwarded));
        Assert.That(counters[FeedCounter.Gaps], Is.EqualTo(1));
    }

    [Test]
    public void Malformed_messages_are_counted_by_status_and_never_published()
    {
        var h = new ProcessorHarness(Trades);
        Assert.That(h.Send("not json"u8.ToArray()), Is.EqualTo(MessageOutcome.Malformed));
        Assert.That(h.Send("""{"e":"trade","s":"NOPE","t":1,"p":"1","q":"1","m":true}"""u8.ToArray()), Is.EqualTo(MessageOutcome.Malformed));
        Assert.That(h.Send(Msg.Subscribed(1)), Is.EqualTo(MessageOutcome.Response));
        Assert.That(h.Script(), Is.EqualTo(new[] { "Subscribed" }));
        Assert.That(h.Counters[FeedCounter.Malformed], Is.EqualTo(2));
        Assert.That(h.Counters.MalformedBy(DecodeStatus.NotAnObject), Is.EqualTo(1));
        Assert.That(h.Counters.MalformedBy(DecodeStatus.UnknownSymbol), Is.EqualTo(1));
    }

    [Test]
    public void Connection_status_events_name_the_line_and_carry_their_details()
    {
        var h = new ProcessorHarness(Trades, lines: 2);
        h.Processor.OnConnected(1, 7, 3, 111);
        h.Processor.OnStale(1, 7, 2500, 222);
        h.Processor.OnDisconnected(1, 7, DisconnectReason.Stale, 140, 333);
        h.Processor.OnDisconnected(1, 7, DisconnectReason.Stopped, 0, 444);

        Assert.That(h.Events.Select(e => (e.Status, e.ConnectionId, e.TradeId, e.StatusDetail, e.ReceiveTimestamp)), Is.EqualTo(new[]
        {
            (FeedStatus.Connected, (ushort)7, 1L, 3L, 111L),
            (FeedStatus.Stale, (ushort)7, 1L, 2500L, 222L),
            (FeedStatus.Reconnecting, (ushort)7, 1L, 140L, 333L),
        }));
        Assert.That(h.Events.Select(e => e.InstrumentId), Is.All.EqualTo(MarketEvent.NoInstrument));
    }
}
