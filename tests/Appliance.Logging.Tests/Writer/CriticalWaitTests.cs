using System.Diagnostics;
using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Writer;

/// <summary>Error, Critical and trade records wait for durability, never longer than the configured bound.</summary>
public class CriticalWaitTests
{
    [Test]
    public void An_error_is_in_the_sink_when_the_call_returns()
    {
        using var t = new TestLog(TestLog.Options(criticalWait: TimeSpan.FromSeconds(5)));
        for (int i = 0; i < 20; i++)
        {
            t.Log.Error($"error {i}");
            Assert.That(t.Sink.Lines, Has.Some.EndsWith($" ERR Test error {i}"));
        }
        t.Log.Trade($"fill {1}");
        Assert.That(t.Sink.Lines[^1], Does.EndWith(" INF Test fill 1"));
        t.Log.Critical($"halt");
        Assert.That(t.Sink.Lines[^1], Does.EndWith(" CRT Test halt"));
    }

    [Test]
    public void The_wait_is_bounded_and_the_record_stays_queued()
    {
        var stalling = new StallingSink();
        using var t = new TestLog(TestLog.Options(criticalWait: TimeSpan.FromMilliseconds(10)), more: stalling);
        t.Log.Error($"first");
        Assert.That(stalling.WaitUntilStalled(TestLog.Timeout), Is.True);

        var clock = Stopwatch.StartNew();
        t.Log.Error($"second");
        TimeSpan waited = clock.Elapsed;

        Assert.That(waited, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(9.5)));
        Assert.That(waited, Is.LessThan(TimeSpan.FromMilliseconds(500)));
        Assert.That(t.System.Counters.CriticalTimeouts, Is.EqualTo(2));
        stalling.Release();
        Assert.That(t.Messages(), Is.EqualTo(new[] { "first", "second" }));
        Assert.That(stalling.Inner.Lines.Select(TestLog.MessageOf), Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public void A_thread_may_choose_not_to_wait()
    {
        var stalling = new StallingSink();
        using var t = new TestLog(TestLog.Options(criticalWait: TimeSpan.FromSeconds(5)), more: stalling);
        t.System.ConfigureCurrentThread(criticalWait: TimeSpan.Zero);
        t.Log.Error($"first");
        Assert.That(stalling.WaitUntilStalled(TestLog.Timeout), Is.True);
        var clock = Stopwatch.StartNew();
        t.Log.Error($"second");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(100)));
        stalling.Release();
    }
}
