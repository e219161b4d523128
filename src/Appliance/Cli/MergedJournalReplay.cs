using System.Diagnostics;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.MarketData.Replay;

namespace Appliance.Cli;

/// <summary>
/// Replays several feed groups' journals into one consumer, record by record in receive-time order, as the
/// live strategy thread took their events from the rings; each record becomes the same processor call
/// <see cref="JournalReplayer"/> makes. With one feed group the order is exactly the live one; with several
/// it is the receive order, which the live thread only approximates (it polls the rings in turn), so a
/// trading replay of several groups can diverge where two groups' events were close together.
/// </summary>
internal static class MergedJournalReplay
{
    public sealed class Group<TSink>(string name, IReadOnlyList<string> segments, FeedProcessor<TSink> processor, string expectedDescription)
        where TSink : struct, IFeedEventSink
    {
        public string Name { get; } = name;
        public IReadOnlyList<string> Segments { get; } = segments;
        public FeedProcessor<TSink> Processor { get; } = processor;
        public string ExpectedDescription { get; } = expectedDescription;
        public List<string> Problems { get; } = new();
        public long Records { get; set; }
        public long Payloads { get; set; }
        public long FirstTicks { get; set; }
        public long LastTicks { get; set; }
        public long TicksPerSecond { get; set; }

        internal int Segment = -1;
        internal JournalSegmentReader? Reader;
        internal JournalRecord Current;
        internal bool SessionSeen;

        public TimeSpan RecordedSpan => TicksPerSecond == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((LastTicks - FirstTicks) / (double)TicksPerSecond);
    }

    /// <summary>Replays every group; <paramref name="afterRecord"/> runs after each record (snapshot requests are dropped: their answers are in the journal).</summary>
    public static TimeSpan Run<TSink>(IReadOnlyList<Group<TSink>> groups, ReplayPace pace) where TSink : struct, IFeedEventSink
    {
        var wall = Stopwatch.StartNew();
        long start = long.MaxValue, ticksPerSecond = 0;
        try
        {
            foreach (Group<TSink> g in groups) Advance(g);
            while (true)
            {
                Group<TSink>? next = null;
                foreach (Group<TSink> g in groups)
                    if (g.Reader is not null && (next is null || g.Current.ReceiveTimestamp < next.Current.ReceiveTimestamp)) next = g;
                if (next is null) break;

                JournalRecord record = next.Current;
                if (next.Records == 0) next.FirstTicks = record.ReceiveTimestamp;
                next.Records++;
                next.LastTicks = record.ReceiveTimestamp;
                if (ticksPerSecond == 0) ticksPerSecond = next.TicksPerSecond;
                if (start == long.MaxValue) start = record.ReceiveTimestamp;
                if (!pace.IsMax) JournalReplayer.WaitUntil(wall, record.ReceiveTimestamp - start, ticksPerSecond, pace.Speed);

                if (record.Kind == JournalRecordKind.SessionStart)
                {
                    string path = next.Segments[next.Segment];
                    if (next.SessionSeen) throw new ReplayException($"{path} offset {record.Offset}: a second session starts here; replay one session per journal directory");
                    next.SessionSeen = true;
                    JournalReplayer.CheckDescription(path, record, next.ExpectedDescription);
                }
                else
                {
                    if (record.Kind == JournalRecordKind.Payload) next.Payloads++;
                    JournalReplayer.Apply(next.Processor, record, next.Segments[next.Segment]);
                    while (next.Processor.TryTakeSnapshotRequest(out _))
                    {
                    }
                }
                Advance(next);
            }
        }
        finally
        {
            foreach (Group<TSink> g in groups) g.Reader?.Dispose();
        }
        return wall.Elapsed;
    }

    /// <summary>Reads the group's next good record into Current; Reader is null once every segment is done.</summary>
    private static void Advance<TSink>(Group<TSink> g) where TSink : struct, IFeedEventSink
    {
        while (true)
        {
            if (g.Reader is null)
            {
                if (++g.Segment >= g.Segments.Count) return;
                g.Reader = new JournalSegmentReader(g.Segments[g.Segment]);
                if (g.TicksPerSecond == 0) g.TicksPerSecond = g.Reader.Header.ClockTicksPerSecond;
            }
            string path = g.Segments[g.Segment];
            JournalReadStatus status = g.Reader.ReadNext(out JournalRecord record);
            if (status == JournalReadStatus.Record)
            {
                g.Current = record;
                return;
            }
            if (status != JournalReadStatus.End)
            {
                g.Problems.Add($"{path}: {(status == JournalReadStatus.TornTail ? "torn tail" : "CRC mismatch")} at offset {record.Offset}");
                if (status == JournalReadStatus.CrcMismatch && g.Reader.Offset < new FileInfo(path).Length) continue;
            }
            g.Reader.Dispose();
            g.Reader = null;
        }
    }
}
