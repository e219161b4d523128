using System.Text.RegularExpressions;
using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Writer;

public partial class ProducerOrderTests
{
    [GeneratedRegex(@"^t=(\d+) seq=(\d+)$")]
    private static partial Regex Record();

    [Test]
    public void Several_threads_each_keep_their_order_and_lose_nothing()
    {
        const int threads = 4, perThread = 20_000;
        using var t = new TestLog(TestLog.Options(bufferBytes: 16 * 1024, blockWhenFull: true));
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(id => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < perThread; i++) t.Log.Info($"t={id} seq={i}");
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => Assert.That(w.Join(TestLog.Timeout), Is.True));

        var next = new int[threads];
        foreach (string message in t.Messages())
        {
            Match m = Record().Match(message);
            Assert.That(m.Success, Is.True, message);
            int id = int.Parse(m.Groups[1].Value), seq = int.Parse(m.Groups[2].Value);
            Assert.That(seq, Is.EqualTo(next[id]), $"thread {id} out of order");
            next[id]++;
        }
        Assert.That(next, Is.All.EqualTo(perThread));
        Assert.That(t.System.Counters.Dropped, Is.Zero);
    }

    [Test]
    public void Records_from_different_threads_come_out_in_timestamp_order()
    {
        using var t = new TestLog();
        using var turn = new SemaphoreSlim(0);
        using var back = new SemaphoreSlim(0);
        // Two threads alternate strictly; the lines must alternate too, although each thread has its own ring.
        var other = new Thread(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                turn.Wait();
                t.Log.Info($"b {i}");
                back.Release();
            }
        });
        other.Start();
        for (int i = 0; i < 50; i++)
        {
            t.Log.Info($"a {i}");
            turn.Release();
            back.Wait();
        }
        Assert.That(other.Join(TestLog.Timeout), Is.True);
        string[] expected = Enumerable.Range(0, 50).SelectMany(i => new[] { $"a {i}", $"b {i}" }).ToArray();
        Assert.That(t.Messages(), Is.EqualTo(expected));
    }

    [Test]
    public void Line_timestamps_are_iso_8601_utc_with_microseconds()
    {
        using var t = new TestLog();
        t.Log.Info($"x");
        string line = t.Lines().Single();
        Assert.That(line, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z INF Test x$"));
    }
}
