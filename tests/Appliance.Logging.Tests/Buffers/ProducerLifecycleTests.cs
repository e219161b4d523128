using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Buffers;

public class ProducerLifecycleTests
{
    [Test]
    public void A_hot_thread_can_ask_for_a_bigger_ring_before_it_starts()
    {
        var stalling = new StallingSink();
        using var t = new TestLog(TestLog.Options(bufferBytes: 16 * 1024), more: stalling);
        t.System.ConfigureCurrentThread(bufferBytes: 1 << 20);
        t.Log.Error($"stall");
        Assert.That(stalling.WaitUntilStalled(TestLog.Timeout), Is.True);
        for (int i = 0; i < 20_000; i++) t.Log.Info($"rec {i}");   // ~640 KB: would overflow 16 KiB many times over
        stalling.Release();
        Assert.That(t.Messages().Count(m => m.StartsWith("rec ", StringComparison.Ordinal)), Is.EqualTo(20_000));
        Assert.That(t.System.Counters.Dropped, Is.Zero);
    }

    [Test]
    public void The_ring_of_an_ended_thread_is_drained_then_reclaimed()
    {
        using var t = new TestLog();
        t.Log.Info($"main");
        var worker = new Thread(() =>
        {
            for (int i = 0; i < 100; i++) t.Log.Info($"worker {i}");
        });
        worker.Start();
        Assert.That(worker.Join(TestLog.Timeout), Is.True);
        Assert.That(t.System.Counters.Producers, Is.EqualTo(2));

        Assert.That(Wait.Until(() => t.System.Counters.Producers == 1, TimeSpan.FromSeconds(10)), Is.True, "the dead thread's ring is still registered");
        Assert.That(t.Messages().Count(m => m.StartsWith("worker ", StringComparison.Ordinal)), Is.EqualTo(100));

        // Its memory goes to the next thread that logs: registration reuses it.
        var next = new Thread(() => t.Log.Info($"next"));
        next.Start();
        Assert.That(next.Join(TestLog.Timeout), Is.True);
        Assert.That(t.Messages(), Has.Member("next"));
    }
}
