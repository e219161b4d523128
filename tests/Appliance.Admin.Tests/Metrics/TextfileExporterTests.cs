using Appliance.Admin.Metrics;
using Appliance.Admin.Tests.TestSupport;

namespace Appliance.Admin.Tests.Metrics;

public class TextfileExporterTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TempDirectory.Create("textfile-");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Writes_the_exposition_with_mode_0644_and_leaves_no_temporary_file()
    {
        var m = new MetricsRegistry();
        var c = m.AddCounter("appliance_things_total", "Things.");
        c.Add(5);
        string path = Path.Combine(_dir, "appliance.prom");
        using var exporter = new TextfileExporter(m, path, TimeSpan.FromSeconds(60));
        Assert.That(exporter.WriteNow(), Is.True);
        Assert.That(File.ReadAllText(path), Is.EqualTo(m.CollectText()));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo((UnixFileMode)0b110_100_100));
        Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { path }));
        c.Add(1);
        exporter.WriteNow();
        Assert.That(File.ReadAllText(path), Does.Contain("appliance_things_total 6\n"));
        Assert.That(Promtool.CheckMetrics(File.ReadAllText(path)).ExitCode, Is.Zero);
    }

    [Test]
    public void A_reader_never_sees_a_partial_file_while_it_is_rewritten()
    {
        var m = new MetricsRegistry();
        var family = m.AddFamily("appliance_series", "Many series, so a file takes several writes.", MetricType.Gauge, "n");
        for (int i = 0; i < 2000; i++) family.Gauge(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(i);
        m.AddGauge("appliance_last", "Written last.", () => 1);
        string path = Path.Combine(_dir, "appliance.prom");
        using var exporter = new TextfileExporter(m, path, TimeSpan.FromMinutes(1));
        exporter.WriteNow();
        int reads = 0, partial = 0;
        using var done = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            while (!done.IsSet)
            {
                string text = File.ReadAllText(path);
                reads++;
                if (!text.EndsWith("appliance_last 1\n", StringComparison.Ordinal)) partial++;
            }
        });
        reader.Start();
        for (int i = 0; i < 100; i++) Assert.That(exporter.WriteNow(), Is.True);
        done.Set();
        reader.Join();
        Assert.That(reads, Is.GreaterThan(0));
        Assert.That(partial, Is.Zero, $"{partial} of {reads} reads saw a partial file");
    }

    [Test]
    public void Start_rewrites_periodically_and_dispose_removes_the_file()
    {
        var m = new MetricsRegistry();
        var g = m.AddGauge("appliance_tick", "t");
        string path = Path.Combine(_dir, "appliance.prom");
        var exporter = new TextfileExporter(m, path, TimeSpan.FromMilliseconds(100));
        exporter.Start();
        Assert.That(File.Exists(path), Is.True, "the first write happens at start");
        g.Set(42);
        Assert.That(SpinWait.SpinUntil(() => File.ReadAllText(path).Contains("appliance_tick 42\n"), TimeSpan.FromSeconds(10)), Is.True);
        exporter.Dispose();
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void A_missing_directory_is_a_counted_failure_not_an_exception()
    {
        var m = new MetricsRegistry();
        using var exporter = new TextfileExporter(m, Path.Combine(_dir, "missing", "appliance.prom"), TimeSpan.FromSeconds(60));
        Assert.That(exporter.WriteNow(), Is.False);
        Assert.That(exporter.Failures, Is.EqualTo(1));
        Assert.That(exporter.LastError, Does.Contain("missing"));
    }

    [Test]
    public void Only_absolute_prom_paths_are_accepted()
    {
        var m = new MetricsRegistry();
        Assert.Throws<ArgumentException>(() => new TextfileExporter(m, Path.Combine(_dir, "appliance.txt"), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentException>(() => new TextfileExporter(m, "relative.prom", TimeSpan.FromSeconds(1)));
    }
}
