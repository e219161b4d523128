using Appliance.Logging.Sinks;
using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Writer;

public class ShutdownTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("applog-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Dispose_flushes_every_record_to_the_file()
    {
        string path = Path.Combine(_dir, "app.log");
        var system = new LogSystem(TestLog.Options(blockWhenFull: true), new FileSink(path));
        Logger log = system.GetLogger("Shutdown");
        for (int i = 0; i < 50_000; i++) log.Info($"rec {i}");
        system.Dispose();

        string[] lines = File.ReadAllLines(path);
        Assert.That(lines, Has.Length.EqualTo(50_000));
        Assert.That(TestLog.MessageOf(lines[^1]), Is.EqualTo("rec 49999"));
    }

    [Test]
    public void Records_reach_the_file_within_the_flush_interval_without_any_flush_call()
    {
        string path = Path.Combine(_dir, "app.log");
        using var system = new LogSystem(TestLog.Options(), new FileSink(path));
        Logger log = system.GetLogger("Interval");
        long start = Environment.TickCount64;
        log.Info($"hello {1}");
        Assert.That(Wait.Until(() => new FileInfo(path).Length > 0, TimeSpan.FromSeconds(5)), Is.True);
        // Default interval 100 ms; allow for a loaded machine, not for a missing timer.
        Assert.That(Environment.TickCount64 - start, Is.LessThan(1000));
        Assert.That(File.ReadAllText(path), Does.EndWith(" INF Interval hello 1\n"));
    }

    [Test]
    public void Logging_after_dispose_is_harmless()
    {
        using var t = new TestLog();
        t.System.Dispose();
        t.Log.Info($"late {1}");
        t.Log.Error($"late error");
        Assert.That(t.System.Flush(TimeSpan.FromSeconds(1)), Is.True);
    }
}
