using Appliance.Logging.Formatting;
using Appliance.Logging.Sinks;
using Appliance.Primitives.Time;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.TestSupport;

/// <summary>A log system writing to a memory sink, with its wall clock pinned at <see cref="AnchorUtc"/>.</summary>
internal sealed class TestLog : IDisposable
{
    public static readonly DateTime AnchorUtc = new(2026, 11, 21, 14, 13, 43, DateTimeKind.Utc);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public TestLog(LogOptions? options = null, LineFormat format = LineFormat.Text, string category = "Test", params LogSink[] more)
    {
        AnchorMono = MonoClock.Now();
        Sink = new MemorySink(format);
        System = new LogSystem(options ?? Options(), [Sink, .. more], new WallClock(AnchorUtc, AnchorMono));
        Log = System.GetLogger(category);
    }

    public long AnchorMono { get; }
    public MemorySink Sink { get; }
    public LogSystem System { get; }
    public Logger Log { get; }

    /// <summary>Small rings and Trace on, no process-exit hook: what most tests want.</summary>
    public static LogOptions Options(int bufferBytes = 64 * 1024, bool blockWhenFull = false, LogLevel level = LogLevel.Trace,
        TimeSpan? criticalWait = null, int maxRecordBytes = 8 * 1024) => new()
    {
        BufferBytes = bufferBytes,
        MaxRecordBytes = maxRecordBytes,
        BlockWhenFull = blockWhenFull,
        DefaultLevel = level,
        CriticalWait = criticalWait ?? TimeSpan.FromMilliseconds(10),
        FlushOnProcessExit = false,
    };

    /// <summary>Flushes and returns every line so far.</summary>
    public IReadOnlyList<string> Lines()
    {
        Assert.That(System.Flush(Timeout), Is.True, "flush timed out");
        return Sink.Lines;
    }

    /// <summary>The message part of every line: what follows "timestamp LVL category ".</summary>
    public IReadOnlyList<string> Messages() => Lines().Select(MessageOf).ToArray();

    /// <summary>Flushes and returns the message of the only line logged so far.</summary>
    public string Single()
    {
        IReadOnlyList<string> messages = Messages();
        Assert.That(messages, Has.Count.EqualTo(1), "lines: " + string.Join(" | ", messages));
        return messages[0];
    }

    public static string MessageOf(string line)
    {
        // 27-byte timestamp, space, 3-letter level, space, category, space, message.
        int categoryEnd = line.IndexOf(' ', 32);
        return line[(categoryEnd + 1)..];
    }

    public void Dispose() => System.Dispose();
}
