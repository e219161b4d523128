using Appliance.Admin.Answers;
using Appliance.Admin.Client;
using Appliance.Admin.Commands;
using Appliance.Admin.Metrics;
using Appliance.Admin.Tests.TestSupport;

namespace Appliance.Admin.Tests.Metrics;

public class MetricsVerbTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void The_metrics_verb_answers_an_exposition_that_promtool_accepts()
    {
        var metrics = new MetricsRegistry();
        using var tracker = new LatencyTracker();
        var decode = tracker.AddStage("decode");
        tracker.AddStage("strategy");
        var t = new Thread(() =>
        {
            for (int i = 1; i <= 1000; i++) decode.RecordValue(i * 100);
        });
        t.Start();
        t.Join();
        tracker.Collect();
        tracker.RegisterMetrics(metrics);
        metrics.AddFamily("appliance_feed_state", "Feed state (1 connected).", MetricType.Gauge, "feed").Observe(["binance \"main\""], () => 1);

        using var server = new TestServer(start: false);
        server.Server.RegisterMetrics(metrics);
        server.Commands.Register(StandardVerbs.Metrics, metrics.CreateCommand());
        server.Server.Start();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        client.Send("echo warm", Timeout).Dispose();
        using var answer = client.Send("metrics", Timeout);
        Assert.That(answer.Ok, Is.True, answer.Line);
        Assert.That(answer.Root.GetProperty("content_type").GetString(), Does.StartWith("text/plain; version=0.0.4"));
        string text = answer.Root.GetProperty("text").GetString()!;

        Assert.That(text, Does.Contain("appliance_stage_latency_seconds_count{stage=\"decode\"} 1000\n"));
        Assert.That(text, Does.Contain("appliance_stage_latency_seconds{stage=\"strategy\",quantile=\"0.5\"} NaN\n"));
        Assert.That(text, Does.Contain("appliance_admin_requests_total 2\n"), "echo, and this metrics request itself");
        Assert.That(text, Does.Contain("appliance_admin_active_connections 1\n"));
        Assert.That(text, Does.Contain("appliance_admin_refusals_total{reason=\"forbidden\"} 0\n"));
        var (code, output) = Promtool.CheckMetrics(text);
        Assert.That(code, Is.Zero, output);
        Assert.That(output.Trim(), Is.Empty, "promtool's lint has no complaint either");
    }
}
