using Appliance.Logging.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.Writer;

/// <summary>A full ring drops (never blocks a hot thread), counts exactly, and reports the count in the log.</summary>
public class BackPressureTests
{
    [Test]
    public void Drops_under_a_stalled_sink_are_counted_exactly_and_reported()
    {
        const int attempts = 5_000;
        var stalling = new StallingSink();
        using var t = new TestLog(TestLog.Options(bufferBytes: 8192, maxRecordBytes: 512), more: stalling);
        Logger other = t.System.GetLogger("Other");
        t.Log.Error($"stall");
        Assert.That(stalling.WaitUntilStalled(TestLog.Timeout), Is.True);

        for (int i = 0; i < attempts; i++) t.Log.Info($"rec {i}");
        for (int i = 0; i < 10; i++) other.Debug($"dbg {i}");
        stalling.Release();
        IReadOnlyList<string> lines = t.Lines();

        int delivered = lines.Count(l => TestLog.MessageOf(l).StartsWith("rec ", StringComparison.Ordinal));
        long dropped = t.System.DroppedFor("Test", LogLevel.Information);
        Assert.That(delivered, Is.GreaterThan(0).And.LessThan(attempts));
        Assert.That(delivered + dropped, Is.EqualTo(attempts));
        Assert.That(t.System.DroppedFor("Other", LogLevel.Debug), Is.EqualTo(10));
        LogCounters counters = t.System.Counters;
        Assert.That(counters.Dropped, Is.EqualTo(dropped + 10));
        Assert.That(counters.DroppedAt(LogLevel.Information), Is.EqualTo(dropped));
        Assert.That(counters.DroppedAt(LogLevel.Debug), Is.EqualTo(10));

        Assert.That(lines, Has.Some.EndsWith($" WRN Appliance.Logging dropped {dropped} records of category Test (ring full): Information {dropped}"));
        Assert.That(lines, Has.Some.EndsWith(" WRN Appliance.Logging dropped 10 records of category Other (ring full): Debug 10"));
        // Delivered records are the first ones, in order: a full ring refuses new records, it never overwrites.
        string[] recs = lines.Select(TestLog.MessageOf).Where(m => m.StartsWith("rec ", StringComparison.Ordinal)).ToArray();
        Assert.That(recs, Is.EqualTo(Enumerable.Range(0, delivered).Select(i => $"rec {i}").ToArray()));
    }

    [Test]
    public void A_thread_that_opted_into_blocking_loses_nothing_under_a_slow_sink()
    {
        using var t = new TestLog(TestLog.Options(bufferBytes: 4096, maxRecordBytes: 256));
        t.System.ConfigureCurrentThread(blockWhenFull: true);
        for (int i = 0; i < 20_000; i++) t.Log.Info($"rec {i}");
        Assert.That(t.Messages(), Has.Count.EqualTo(20_000));
        Assert.That(t.System.Counters.Dropped, Is.Zero);
    }
}
