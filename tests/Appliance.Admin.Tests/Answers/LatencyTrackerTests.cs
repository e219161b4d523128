using System.Text.Json;
using Appliance.Admin.Answers;
using Appliance.Admin.Client;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Admin.Tests.TestSupport;
using Appliance.Primitives.Histograms;

namespace Appliance.Admin.Tests.Answers;

public class LatencyTrackerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Interval_holds_the_last_collection_and_since_start_everything()
    {
        using var tracker = new LatencyTracker();
        var decode = tracker.AddStage("decode");
        RecordOnAnotherThread(decode, 1, 100);      // 1..100 us
        tracker.Collect();
        RecordOnAnotherThread(decode, 1001, 50);    // 1001..1050 us
        tracker.Collect();

        var stage = Answer(tracker, "latency").GetProperty("stages")[0];
        Assert.That(stage.GetProperty("stage").GetString(), Is.EqualTo("decode"));
        var interval = stage.GetProperty("interval");
        var total = stage.GetProperty("since_start");
        Assert.That(interval.GetProperty("count").GetInt64(), Is.EqualTo(50));
        Assert.That(total.GetProperty("count").GetInt64(), Is.EqualTo(150));
        Assert.That(interval.GetProperty("p50").GetInt64(), Is.EqualTo(Expected(1001, 50, 50)));
        Assert.That(total.GetProperty("p50").GetInt64(), Is.EqualTo(Expected(1, 100, 50, 1001, 50)));
        Assert.That(total.GetProperty("p99_99").GetInt64(), Is.EqualTo(Expected(1, 100, 99.99, 1001, 50)));
        Assert.That(total.GetProperty("max").GetInt64(), Is.EqualTo(Expected(1, 100, 100, 1001, 50)));
        foreach (string key in new[] { "p50", "p90", "p99", "p99_9", "p99_99", "max", "mean", "count", "start_utc", "seconds" })
            Assert.That(interval.TryGetProperty(key, out _), Is.True, key);
        Assert.That(Answer(tracker, "latency").GetProperty("unit").GetString(), Is.EqualTo("ns"));
    }

    [Test]
    public void One_stage_can_be_asked_for_with_its_hgrm_tables()
    {
        using var tracker = new LatencyTracker();
        RecordOnAnotherThread(tracker.AddStage("decode"), 1, 10);
        RecordOnAnotherThread(tracker.AddStage("strategy"), 5, 10);
        tracker.Collect();
        var answer = Answer(tracker, "latency strategy --hgrm");
        var stages = answer.GetProperty("stages");
        Assert.That(stages.GetArrayLength(), Is.EqualTo(1));
        string hgrm = stages[0].GetProperty("hgrm_since_start").GetString()!;
        Assert.That(hgrm, Does.StartWith("       Value     Percentile TotalCount 1/(1-Percentile)"));
        Assert.That(hgrm, Does.Contain("Total count    =           10]"));
        Assert.That(stages[0].GetProperty("hgrm_interval").GetString(), Does.Contain("Total count"));
    }

    [Test]
    public void An_unknown_stage_is_not_found_and_names_the_stages()
    {
        using var tracker = new LatencyTracker();
        tracker.AddStage("decode");
        using var server = Serve(tracker);
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send("latency nosuch", Timeout);
        Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.NotFound));
        Assert.That(a.ErrorMessage, Does.Contain("nosuch").And.Contain("decode"));
    }

    [Test]
    public void Reset_answers_the_data_and_then_starts_afresh()
    {
        using var tracker = new LatencyTracker();
        RecordOnAnotherThread(tracker.AddStage("decode"), 1, 10);
        tracker.Collect();
        var before = Answer(tracker, "latency --reset");
        Assert.That(before.GetProperty("reset").GetBoolean(), Is.True);
        Assert.That(before.GetProperty("stages")[0].GetProperty("since_start").GetProperty("count").GetInt64(), Is.EqualTo(10));
        var after = Answer(tracker, "latency").GetProperty("stages")[0];
        Assert.That(after.GetProperty("since_start").GetProperty("count").GetInt64(), Is.Zero);
        Assert.That(after.GetProperty("interval").GetProperty("count").GetInt64(), Is.Zero);
    }

    [Test]
    public void Collect_allocates_nothing_after_warm_up()
    {
        using var tracker = new LatencyTracker();
        var recorder = tracker.AddStage("decode");
        recorder.RecordValue(1000);
        tracker.Collect();
        tracker.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) tracker.Collect();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Start_collects_periodically_on_its_own_thread()
    {
        using var tracker = new LatencyTracker();
        var recorder = tracker.AddStage("decode");
        RecordOnAnotherThread(recorder, 1, 7);
        tracker.Start(TimeSpan.FromMilliseconds(20));
        Assert.That(SpinWait.SpinUntil(() =>
            Answer(tracker, "latency").GetProperty("stages")[0].GetProperty("since_start").GetProperty("count").GetInt64() == 7,
            Timeout), Is.True);
    }

    // Values first..first+count-1 microseconds, recorded by a thread that owns the recorder, as a hot thread would.
    private static void RecordOnAnotherThread(IntervalRecorder recorder, long firstMicros, int count)
    {
        var t = new Thread(() =>
        {
            for (long v = firstMicros; v < firstMicros + count; v++) recorder.RecordValue(v * 1000);
        });
        t.Start();
        t.Join();
    }

    private static long Expected(long first, int count, double percentile, long first2 = 0, int count2 = 0)
    {
        var h = new HdrHistogram(1, 3_600_000_000_000, 3);
        for (long v = first; v < first + count; v++) h.RecordValue(v * 1000);
        for (long v = first2; v < first2 + count2; v++) h.RecordValue(v * 1000);
        return percentile >= 100 ? h.MaxValue : h.GetValueAtPercentile(percentile);
    }

    private static TestServer Serve(LatencyTracker tracker)
    {
        var server = new TestServer(start: false);
        server.Commands.Register(StandardVerbs.Latency, tracker.CreateCommand());
        server.Server.Start();
        return server;
    }

    private static JsonElement Answer(LatencyTracker tracker, string request)
    {
        using var server = Serve(tracker);
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send(request, Timeout);
        Assert.That(a.Ok, Is.True, a.Line);
        return a.Root.Clone();
    }
}
