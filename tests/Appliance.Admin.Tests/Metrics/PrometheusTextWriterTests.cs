using Appliance.Admin.Metrics;
using Appliance.Admin.Tests.TestSupport;
using Appliance.Primitives.Histograms;

namespace Appliance.Admin.Tests.Metrics;

public class PrometheusTextWriterTests
{
    [Test]
    public void Families_are_written_with_help_and_type_then_their_samples()
    {
        var m = new MetricsRegistry();
        m.AddCounter("appliance_events_total", "Events decoded.").Add(42);
        m.AddGauge("appliance_ring_depth", "Slots in use.").Set(3.5);
        var feeds = m.AddFamily("appliance_feed_messages_total", "Messages per feed.", MetricType.Counter, "feed", "venue");
        feeds.Counter("binance-1", "binance").Add(7);
        feeds.Observe(["binance-2", "binance"], () => 9);
        Assert.That(m.CollectText(), Is.EqualTo(
            "# HELP appliance_events_total Events decoded.\n" +
            "# TYPE appliance_events_total counter\n" +
            "appliance_events_total 42\n" +
            "# HELP appliance_ring_depth Slots in use.\n" +
            "# TYPE appliance_ring_depth gauge\n" +
            "appliance_ring_depth 3.5\n" +
            "# HELP appliance_feed_messages_total Messages per feed.\n" +
            "# TYPE appliance_feed_messages_total counter\n" +
            "appliance_feed_messages_total{feed=\"binance-1\",venue=\"binance\"} 7\n" +
            "appliance_feed_messages_total{feed=\"binance-2\",venue=\"binance\"} 9\n"));
    }

    [Test]
    public void Label_values_escape_backslash_quote_and_newline_and_help_escapes_backslash_and_newline()
    {
        var m = new MetricsRegistry();
        var f = m.AddFamily("appliance_odd", "Line one\nback\\slash \"quoted\"", MetricType.Gauge, "name");
        f.Gauge("a\\b\"c\nd é").Set(1);
        string text = m.CollectText();
        Assert.That(text, Does.Contain("# HELP appliance_odd Line one\\nback\\\\slash \"quoted\"\n"));
        Assert.That(text, Does.Contain("appliance_odd{name=\"a\\\\b\\\"c\\nd é\"} 1\n"));
        var (code, output) = Promtool.CheckMetrics(text);
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void Special_and_tiny_values_are_written_as_prometheus_reads_them()
    {
        var m = new MetricsRegistry();
        m.AddGauge("appliance_nan", "n", () => double.NaN);
        m.AddGauge("appliance_pinf", "p", () => double.PositiveInfinity);
        m.AddGauge("appliance_ninf", "n", () => double.NegativeInfinity);
        m.AddGauge("appliance_tiny", "t", () => 1.5e-7);
        m.AddGauge("appliance_exact", "e", () => 0.1);
        string text = m.CollectText();
        Assert.That(text, Does.Contain("appliance_nan NaN\n").And.Contain("appliance_pinf +Inf\n").And.Contain("appliance_ninf -Inf\n")
            .And.Contain("appliance_tiny 1.5E-07\n").And.Contain("appliance_exact 0.1\n"));
        Assert.That(Promtool.CheckMetrics(text).ExitCode, Is.Zero);
    }

    [Test]
    public void An_hdr_summary_has_quantiles_of_the_window_and_sum_and_count_since_start()
    {
        var window = new HdrHistogram(1, 3_600_000_000_000, 3);
        var total = new HdrHistogram(1, 3_600_000_000_000, 3);
        for (long v = 1; v <= 1000; v++) window.RecordValue(v * 1000);
        total.Add(window);
        for (long v = 1; v <= 1000; v++) total.RecordValue(1_000_000);
        var m = new MetricsRegistry();
        m.AddCollector(w =>
        {
            w.BeginFamily("appliance_stage_latency_seconds", "Stage latency.", MetricType.Summary);
            w.WriteHdrSummary("appliance_stage_latency_seconds", ["stage"], ["decode"], window, total, 1e-9);
        });
        string text = m.CollectText();
        var lines = text.Split('\n');
        Assert.That(lines, Does.Contain("# TYPE appliance_stage_latency_seconds summary"));
        Assert.That(lines, Does.Contain($"appliance_stage_latency_seconds{{stage=\"decode\",quantile=\"0.5\"}} {(window.GetValueAtPercentile(50) * 1e-9).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.That(lines.Count(l => l.Contains("quantile=")), Is.EqualTo(6));
        Assert.That(lines, Does.Contain($"appliance_stage_latency_seconds{{stage=\"decode\",quantile=\"1\"}} {(window.MaxValue * 1e-9).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.That(lines, Does.Contain("appliance_stage_latency_seconds_count{stage=\"decode\"} 2000"));
        double sum = double.Parse(lines.Single(l => l.StartsWith("appliance_stage_latency_seconds_sum")).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(sum, Is.EqualTo(0.5005 + 1.0).Within(0.1).Percent, "the sum is mean x count, within the histogram's precision");
        var (code, output) = Promtool.CheckMetrics(text);
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void An_empty_summary_window_reports_nan_quantiles()
    {
        var empty = new HdrHistogram(1, 1_000_000, 2);
        var m = new MetricsRegistry();
        m.AddCollector(w =>
        {
            w.BeginFamily("appliance_idle_seconds", "Idle.", MetricType.Summary);
            w.WriteHdrSummary("appliance_idle_seconds", [], [], empty, empty, 1e-9);
        });
        string text = m.CollectText();
        Assert.That(text, Does.Contain("appliance_idle_seconds{quantile=\"0.99\"} NaN\n").And.Contain("appliance_idle_seconds_count 0\n"));
        Assert.That(Promtool.CheckMetrics(text).ExitCode, Is.Zero);
    }

    [TestCase("appliance_events", MetricType.Counter)]
    [TestCase("appliance_depth_total", MetricType.Gauge)]
    [TestCase("9starts_with_digit", MetricType.Gauge)]
    [TestCase("has-dash", MetricType.Gauge)]
    [TestCase("", MetricType.Gauge)]
    public void Bad_names_are_refused_at_registration(string name, MetricType type)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().AddFamily(name, "help", type));
    }

    [TestCase("__reserved")]
    [TestCase("quantile")]
    [TestCase("le")]
    [TestCase("has-dash")]
    [TestCase("1digit")]
    public void Bad_label_names_are_refused(string label)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().AddFamily("appliance_x", "help", MetricType.Gauge, label));
    }

    [Test]
    public void A_name_registered_twice_or_written_twice_by_collectors_is_refused()
    {
        var m = new MetricsRegistry();
        m.AddGauge("appliance_x", "x", () => 1);
        Assert.Throws<ArgumentException>(() => m.AddGauge("appliance_x", "again", () => 2));
        m.AddCollector(w =>
        {
            w.BeginFamily("appliance_x", "clash", MetricType.Gauge);
            w.WriteSample("appliance_x", [], [], 3.0);
        });
        string text = m.CollectText();
        Assert.That(text.Split('\n').Count(l => l.StartsWith("# TYPE appliance_x ")), Is.EqualTo(1));
        Assert.That(m.CollectorErrors, Is.EqualTo(1));
    }

    [Test]
    public void A_throwing_source_loses_only_its_own_family()
    {
        var m = new MetricsRegistry();
        m.AddGauge("appliance_before", "b", () => 1);
        m.AddGauge("appliance_broken", "x", () => throw new InvalidOperationException("sensor gone"));
        m.AddCollector(w =>
        {
            w.BeginFamily("appliance_half", "h", MetricType.Gauge);
            w.WriteSample("appliance_half", [], [], 1.0);
            throw new InvalidOperationException("half way");
        });
        m.AddGauge("appliance_after", "a", () => 2);
        string text = m.CollectText();
        Assert.That(text, Does.Contain("appliance_before 1\n").And.Contain("appliance_after 2\n"));
        Assert.That(text, Does.Not.Contain("appliance_broken").And.Not.Contain("appliance_half"));
        Assert.That(m.CollectorErrors, Is.EqualTo(2));
        Assert.That(m.LastCollectorError, Does.Contain("half way"));
        Assert.That(Promtool.CheckMetrics(text).ExitCode, Is.Zero);
    }

    [Test]
    public void Samples_must_belong_to_the_family_opened_last()
    {
        var m = new MetricsRegistry();
        m.AddCollector(w =>
        {
            w.BeginFamily("appliance_a", "a", MetricType.Gauge);
            w.WriteSample("appliance_b", [], [], 1.0);
        });
        Assert.That(m.CollectText(), Is.Empty);
        Assert.That(m.LastCollectorError, Does.Contain("does not belong"));
    }

    [Test]
    public void Pushed_counters_refuse_to_go_down_and_gauges_move_both_ways()
    {
        var m = new MetricsRegistry();
        var c = m.AddCounter("appliance_c_total", "c");
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Add(-1));
        var g = m.AddGauge("appliance_g", "g");
        g.Inc();
        g.Inc();
        g.Dec();
        g.Add(0.5);
        Assert.That(g.Value, Is.EqualTo(1.5));
    }
}
