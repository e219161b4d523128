using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Replay;

/// <summary>
/// Drives a <see cref="FeedProcessor{TSink}"/> from a journal: each record becomes the same call the live
/// session made when it journaled it (a payload → OnMessage, Connected → OnConnected, ...), in the same
/// order, with the recorded timestamps. There is no second decoder and no second session logic: the event
/// stream is the live one. Snapshot requests the processor makes are dropped: their answers are in the journal.
/// </summary>
public static class JournalReplayer
{
    /// <param name="expectedDescription">The SessionStart text this configuration would write; a journal recorded with another is refused.</param>
    public static ReplayResult Replay<TSink>(IReadOnlyList<string> segments, FeedProcessor<TSink> processor, ReplayPace pace,
        string? expectedDescription = null, CancellationToken cancellationToken = default)
        where TSink : struct, IFeedEventSink
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(processor);
        var problems = new List<string>();
        long records = 0, payloads = 0, firstTicks = 0, lastTicks = 0, ticksPerSecond = 0;
        bool sessionSeen = false;
        var wall = Stopwatch.StartNew();

        foreach (string path in segments)
        {
            using var reader = new JournalSegmentReader(path);
            if (ticksPerSecond == 0) ticksPerSecond = reader.Header.ClockTicksPerSecond;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                JournalReadStatus status = reader.ReadNext(out JournalRecord record);
                if (status == JournalReadStatus.End) break;
                if (status != JournalReadStatus.Record)
                {
                    problems.Add($"{path}: {(status == JournalReadStatus.TornTail ? "torn tail" : "CRC mismatch")} at offset {record.Offset}");
                    if (status == JournalReadStatus.TornTail || reader.Offset >= new FileInfo(path).Length) break;
                    continue;
                }

                if (records == 0) firstTicks = record.ReceiveTimestamp;
                records++;
                lastTicks = record.ReceiveTimestamp;
                if (!pace.IsMax) WaitUntil(wall, record.ReceiveTimestamp - firstTicks, ticksPerSecond, pace.Speed);

                if (record.Kind == JournalRecordKind.SessionStart)
                {
                    if (sessionSeen) throw new ReplayException($"{path} offset {record.Offset}: a second session starts here; replay one session per journal directory");
                    sessionSeen = true;
                    if (expectedDescription is not null) CheckDescription(path, record, expectedDescription);
                    continue;
                }
                if (record.Kind == JournalRecordKind.Payload) payloads++;
                Apply(processor, record, path);
                while (processor.TryTakeSnapshotRequest(out _))
                {
                }
            }
        }

        TimeSpan span = ticksPerSecond == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((lastTicks - firstTicks) / (double)ticksPerSecond);
        return new ReplayResult(records, payloads, problems, span, wall.Elapsed);
    }

    /// <summary>The processor call a record stands for.</summary>
    public static void Apply<TSink>(FeedProcessor<TSink> processor, in JournalRecord record, string source = "journal")
        where TSink : struct, IFeedEventSink
    {
        ReadOnlySpan<byte> p = record.Payload.Span;
        int line = (int)record.Aux;
        long ts = record.ReceiveTimestamp;
        switch (record.Kind)
        {
            case JournalRecordKind.Payload:
                CheckLine(processor, line, source, record);
                processor.OnMessage(line, record.ConnectionId, ts, p);
                return;
            case JournalRecordKind.Connected:
                CheckLine(processor, line, source, record);
                Need(p, 4, source, record);
                processor.OnConnected(line, record.ConnectionId, (int)BinaryPrimitives.ReadUInt32LittleEndian(p), ts);
                return;
            case JournalRecordKind.Disconnected:
                CheckLine(processor, line, source, record);
                Need(p, 8, source, record);
                processor.OnDisconnected(line, record.ConnectionId, (DisconnectReason)p[0], BinaryPrimitives.ReadInt32LittleEndian(p[4..]), ts);
                return;
            case JournalRecordKind.Stale:
                CheckLine(processor, line, source, record);
                Need(p, 8, source, record);
                processor.OnStale(line, record.ConnectionId, BinaryPrimitives.ReadInt64LittleEndian(p), ts);
                return;
            case JournalRecordKind.Snapshot:
                Need(p, FeedJournal.SnapshotPrefixSize, source, record);
                processor.OnSnapshot(BinaryPrimitives.ReadUInt16LittleEndian(p), BinaryPrimitives.ReadInt32LittleEndian(p[4..]),
                    BinaryPrimitives.ReadInt32LittleEndian(p[8..]), p[FeedJournal.SnapshotPrefixSize..], ts);
                return;
            case JournalRecordKind.ResyncRequested:
                Need(p, 2, source, record);
                processor.OnResyncRequested(BinaryPrimitives.ReadUInt16LittleEndian(p), ts);
                return;
            case JournalRecordKind.SessionStart:
                return;
            default:
                throw new ReplayException($"{source} offset {record.Offset}: unknown record kind {(ushort)record.Kind} (written by a newer build?)");
        }
    }

    private static void CheckLine<TSink>(FeedProcessor<TSink> processor, int line, string source, in JournalRecord record)
        where TSink : struct, IFeedEventSink
    {
        if ((uint)line >= (uint)processor.LineCount)
            throw new ReplayException($"{source} offset {record.Offset}: record of line {line}, but the configured group has {processor.LineCount} line(s)");
    }

    private static void Need(ReadOnlySpan<byte> payload, int bytes, string source, in JournalRecord record)
    {
        if (payload.Length < bytes)
            throw new ReplayException($"{source} offset {record.Offset}: {record.Kind} record of {payload.Length} bytes, expected at least {bytes}");
    }

    /// <summary>Refuses a journal recorded with another feed configuration, naming every differing line.</summary>
    public static void CheckDescription(string path, in JournalRecord record, string expected)
    {
        string recorded = Encoding.UTF8.GetString(record.Payload.Span);
        if (recorded == expected) return;
        string[] a = recorded.Split('\n'), b = expected.Split('\n');
        var diff = new StringBuilder();
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string x = i < a.Length ? a[i] : "", y = i < b.Length ? b[i] : "";
            if (x != y) diff.Append($"\n  journal: {x}\n  config:  {y}");
        }
        throw new ReplayException($"{path}: the journal was recorded with a different feed configuration:{diff}");
    }

    /// <summary>Paces a replay: returns when <paramref name="wall"/> reaches the recorded offset divided by <paramref name="speed"/>.</summary>
    public static void WaitUntil(Stopwatch wall, long recordedTicks, long ticksPerSecond, double speed)
    {
        if (ticksPerSecond <= 0) return;
        double targetSeconds = recordedTicks / (double)ticksPerSecond / speed;
        while (true)
        {
            double left = targetSeconds - wall.Elapsed.TotalSeconds;
            if (left <= 0) return;
            if (left > 0.002) Thread.Sleep(TimeSpan.FromSeconds(left - 0.001));
            else Thread.SpinWait(50);
        }
    }
}
