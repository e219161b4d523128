using System.Text;
using Appliance.Logging.Sinks;

namespace Appliance.Logging.Tests.Sinks;

public class RollingFileSinkTests
{
    private string _dir = null!;
    private ManualTime _time = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("applog-").FullName;
        _time = new ManualTime(new DateTimeOffset(2026, 11, 21, 10, 59, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Active => Path.Combine(_dir, "app.log");

    private static byte[] Lines(int from, int count, int width = 100)
    {
        var text = new StringBuilder();
        for (int i = from; i < from + count; i++) text.Append($"line {i:D6} ").Append('.', width - 13).Append('\n');
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private string[] Rolled() => Directory.GetFiles(_dir, "app.*.log").Order(StringComparer.Ordinal).ToArray();

    private IEnumerable<string> AllLinesInOrder() =>
        Rolled().OrderBy(p => long.Parse(Path.GetFileName(p).Split('.')[2]))
            .Append(Active).SelectMany(File.ReadAllLines);

    [Test]
    public void Rolls_by_size_without_splitting_a_line_or_exceeding_the_limit()
    {
        using (var sink = new RollingFileSink(new RollingFileOptions { Path = Active, MaxFileBytes = 4096 }, time: _time))
        {
            for (int i = 0; i < 200; i += 25) sink.Write(Lines(i, 25));
        }
        string[] rolled = Rolled();
        Assert.That(rolled, Has.Length.EqualTo(4));   // 20000 bytes, 40 lines per 4096-byte file
        foreach (string file in rolled.Append(Active))
        {
            Assert.That(new FileInfo(file).Length, Is.LessThanOrEqualTo(4096), file);
            Assert.That(File.ReadAllBytes(file)[^1], Is.EqualTo((byte)'\n'), file);
        }
        Assert.That(Path.GetFileName(rolled[0]), Is.EqualTo("app.20261121T105900Z.000001.log"));
        Assert.That(AllLinesInOrder().Select(l => l[..11]), Is.EqualTo(Enumerable.Range(0, 200).Select(i => $"line {i:D6}")));
    }

    [Test]
    public void A_batch_larger_than_the_limit_is_split_at_line_boundaries()
    {
        using (var sink = new RollingFileSink(new RollingFileOptions { Path = Active, MaxFileBytes = 4096 }, time: _time))
            sink.Write(Lines(0, 100));
        Assert.That(Rolled(), Has.Length.EqualTo(2));
        Assert.That(AllLinesInOrder().Count(), Is.EqualTo(100));
    }

    [Test]
    public void Rolls_when_the_period_changes()
    {
        using (var sink = new RollingFileSink(new RollingFileOptions { Path = Active, RollEvery = TimeSpan.FromHours(1) }, time: _time))
        {
            sink.Write(Lines(0, 3));
            _time.Now = _time.Now.AddSeconds(59);   // 10:59:59, same hour
            sink.Write(Lines(3, 3));
            _time.Now = _time.Now.AddSeconds(1);    // 11:00:00
            sink.Write(Lines(6, 3));
        }
        string[] rolled = Rolled();
        Assert.That(rolled.Select(Path.GetFileName), Is.EqualTo(new[] { "app.20261121T110000Z.000001.log" }));
        Assert.That(File.ReadAllLines(rolled[0]), Has.Length.EqualTo(6));
        Assert.That(File.ReadAllLines(Active), Has.Length.EqualTo(3));
    }

    [Test]
    public void Keeps_only_the_newest_rolled_files_by_count()
    {
        using (var sink = new RollingFileSink(new RollingFileOptions { Path = Active, MaxFileBytes = 4096, RetainFiles = 2 }, time: _time))
            for (int i = 0; i < 400; i += 20) sink.Write(Lines(i, 20));
        string[] rolled = Rolled();
        Assert.That(rolled.Select(p => Path.GetFileName(p).Split('.')[2]), Is.EqualTo(new[] { "000008", "000009" }));
        Assert.That(AllLinesInOrder().Last()[..11], Is.EqualTo("line 000399"));
    }

    [Test]
    public void Keeps_rolled_files_within_a_total_size()
    {
        using (var sink = new RollingFileSink(new RollingFileOptions { Path = Active, MaxFileBytes = 4096, RetainBytes = 10_000 }, time: _time))
            for (int i = 0; i < 400; i += 20) sink.Write(Lines(i, 20));
        long total = Rolled().Append(Active).Sum(p => new FileInfo(p).Length);
        Assert.That(total, Is.LessThanOrEqualTo(10_000));
        Assert.That(Rolled(), Has.Length.EqualTo(1), "active 4000 + one rolled 4000; a second would pass 10000");
    }

    [Test]
    public void Sequence_numbers_continue_after_a_restart()
    {
        var options = new RollingFileOptions { Path = Active, MaxFileBytes = 4096 };
        using (var sink = new RollingFileSink(options, time: _time)) sink.Write(Lines(0, 60));
        using (var sink = new RollingFileSink(options, time: _time)) sink.Write(Lines(60, 60));
        // 40 lines per file: run 1 rolls once and leaves 20 lines; run 2 fills to 40, rolls, leaves 40.
        Assert.That(Rolled().Select(p => Path.GetFileName(p).Split('.')[2]), Is.EqualTo(new[] { "000001", "000002" }));
        Assert.That(AllLinesInOrder().Count(), Is.EqualTo(120));
    }

    [Test]
    public void Invalid_options_are_all_reported_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new RollingFileSink(new RollingFileOptions { Path = Active, MaxFileBytes = 10, RetainFiles = -1 }));
        Assert.That(error!.Message, Does.Contain("MaxFileBytes").And.Contain("RetainFiles"));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
