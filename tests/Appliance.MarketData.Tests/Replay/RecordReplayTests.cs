using System.Text;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.MarketData.Replay;
using Appliance.MarketData.Tests.Feed;
using Appliance.MarketData.Tests.Support;

namespace Appliance.MarketData.Tests.Replay;

[NonParallelizable]
public class RecordReplayTests
{
    private static readonly string[] Streams = ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms", "ethusdt@aggTrade", "ethusdt@depth"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("feed-replay-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task A_recorded_session_with_faults_replays_to_a_byte_identical_event_stream()
    {
        List<MarketEvent> live;
        FeedCounters liveCounters;
        string description;
        FeedRig rig = await FeedRig.StartVenueAsync(rate: 1500);
        try
        {
            var lines = new[] { rig.Line("a", Streams, line: "A"), rig.Line("b", Streams, line: "B") };
            rig.Start(lines, journalDirectory: _dir);
            description = new FeedGroup("rig", lines).Describe(rig.Instruments);
            rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Resynced) >= 2, Timeout, "both books synced");
            // A hole on one line is usually filled by the other; both lines dropping at once is a real gap.
            await rig.FaultAsync("""{"kind":"gap","tag":"a","stream":"depth","symbol":"BTCUSDT","count":2}""");
            await rig.FaultAsync("""{"kind":"duplicate","tag":"b","count":10}""");
            await rig.FaultAsync("""{"kind":"garbage","tag":"a","count":2}""");
            await rig.FaultAsync("""{"kind":"drop"}""");
            rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 4 && e.Count(x => x.Status == FeedStatus.Resynced) >= 4,
                Timeout, "both lines back and both books resynced");
            long published = rig.Session.Counters[FeedCounter.Published];
            rig.Collector.WaitFor(e => e.Count > published + 500, Timeout, "more data");
            rig.Session.Stop();
            rig.Collector.WaitFor(e => e.Count == rig.Session.Counters[FeedCounter.Published], Timeout, "the ring drained");
            live = rig.Collector.Events;
            liveCounters = rig.Session.Counters;
            Assert.That(liveCounters[FeedCounter.JournalDrops] + liveCounters[FeedCounter.RingDrops], Is.Zero);
            Assert.That(liveCounters[FeedCounter.Gaps], Is.GreaterThan(0));
        }
        finally
        {
            await rig.DisposeAsync();
        }

        using var liveDigest = new EventDigest();
        foreach (MarketEvent e in live) liveDigest.Append(e);

        using var replayDigest = new EventDigest();
        var counters = new FeedCounters(2);
        var processor = new FeedProcessor<DigestEventSink>(rig.Instruments, Streams, 2, counters, new DigestEventSink(replayDigest));
        ReplayResult result = JournalReplayer.Replay(JournalReader.FindSegments(_dir, "rig"), processor, ReplayPace.Max, description);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(replayDigest.Events, Is.EqualTo(live.Count));
        Assert.That(replayDigest.HexHash, Is.EqualTo(liveDigest.HexHash));
        foreach (FeedCounter c in new[] { FeedCounter.Messages, FeedCounter.Gaps, FeedCounter.Duplicates, FeedCounter.Losses, FeedCounter.Resyncs, FeedCounter.Malformed })
            Assert.That(counters[c], Is.EqualTo(liveCounters[c]), c.ToString());
    }

    [Test]
    public void Replay_refuses_a_journal_recorded_with_another_configuration()
    {
        using (var writer = new JournalWriter(new JournalWriterOptions { Directory = _dir, FilePrefix = "x" }))
            writer.TryAppend(1, 0, JournalRecordKind.SessionStart, 0, Encoding.UTF8.GetBytes("appliance feed session 1\ngroup x\nstreams btcusdt@trade\n"));

        var processor = new FeedProcessor<CollectingEventSink>(TestInstruments.Create(), ["btcusdt@trade"], 1, new FeedCounters(1), new CollectingEventSink([]));
        var e = Assert.Throws<ReplayException>(() => JournalReplayer.Replay(JournalReader.FindSegments(_dir, "x"), processor, ReplayPace.Max,
            "appliance feed session 1\ngroup x\nstreams btcusdt@depth\n"));
        Assert.That(e!.Message, Does.Contain("journal: streams btcusdt@trade").And.Contain("config:  streams btcusdt@depth"));
    }

    [Test]
    public void Replay_paced_in_real_time_takes_the_recorded_time()
    {
        long f = Primitives.Time.MonoClock.Frequency;
        using (var writer = new JournalWriter(new JournalWriterOptions { Directory = _dir, FilePrefix = "p" }))
        {
            writer.TryAppend(0, 1, JournalRecordKind.Payload, 0, Msg.Trade(1));
            writer.TryAppend(f / 5, 1, JournalRecordKind.Payload, 0, Msg.Trade(2));
            writer.TryAppend(f / 5 * 2, 1, JournalRecordKind.Payload, 0, Msg.Trade(3));
        }
        var events = new List<MarketEvent>();
        var processor = new FeedProcessor<CollectingEventSink>(TestInstruments.Create(), ["btcusdt@trade"], 1, new FeedCounters(1), new CollectingEventSink(events));

        ReplayResult realtime = JournalReplayer.Replay(JournalReader.FindSegments(_dir, "p"), processor, ReplayPace.Realtime);
        Assert.That(realtime.Elapsed.TotalMilliseconds, Is.InRange(390, 1500));
        Assert.That(realtime.RecordedSpan.TotalMilliseconds, Is.EqualTo(400).Within(1));
        Assert.That(events.Select(e => e.TradeId), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(ReplayPace.TryParse("x4", out ReplayPace x4) && x4.Speed == 4, Is.True);
        processor = new FeedProcessor<CollectingEventSink>(TestInstruments.Create(), ["btcusdt@trade"], 1, new FeedCounters(1), new CollectingEventSink([]));
        Assert.That(JournalReplayer.Replay(JournalReader.FindSegments(_dir, "p"), processor, x4).Elapsed.TotalMilliseconds, Is.InRange(95, 390));
    }

    [TestCase("max", 0.0)]
    [TestCase("realtime", 1.0)]
    [TestCase("x10", 10.0)]
    [TestCase("x0.5", 0.5)]
    public void Pace_names_parse(string text, double speed)
    {
        Assert.That(ReplayPace.TryParse(text, out ReplayPace pace), Is.True);
        Assert.That(pace.Speed, Is.EqualTo(speed));
        Assert.That(pace.ToString(), Is.EqualTo(text));
    }

    [TestCase("")]
    [TestCase("x")]
    [TestCase("x-1")]
    [TestCase("fast")]
    public void Bad_pace_names_are_refused(string text) => Assert.That(ReplayPace.TryParse(text, out _), Is.False);
}
