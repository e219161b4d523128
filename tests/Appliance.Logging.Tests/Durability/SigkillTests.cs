using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Durability;

/// <summary>
/// A real process logs numbered records continuously and is killed with SIGKILL. The file must hold whole
/// lines only, records 1..N without a gap, and lose at most the last flush interval.
/// </summary>
public partial class SigkillTests
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    // The gap between record N (last in the file) and N+1 (first lost) is not known to the test; the child
    // logs 100 records per millisecond or so, so allow a little for a descheduled child on a busy machine.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(25);

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) INF Child seq (\d+)$")]
    private static partial Regex Line();

    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("applog-kill-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    // Fast: batches fill and are written before the interval. Slow: the flush interval does the writing.
    [TestCase(100, 1_000_000, TestName = "After_SIGKILL_a_fast_logger_loses_at_most_one_flush_interval_and_no_line_is_torn")]
    [TestCase(5, 150_000, TestName = "After_SIGKILL_a_slow_logger_loses_at_most_one_flush_interval_and_no_line_is_torn")]
    public void After_SIGKILL(int recordsPerMillisecond, int bytesBeforeKill)
    {
        string logPath = Path.Combine(_dir, "child.log");
        string progressPath = Path.Combine(_dir, "progress");
        using Process child = StartChild(logPath, progressPath, recordsPerMillisecond);
        DateTime killedAt;
        try
        {
            Assert.That(ReadLineWithin(child, TimeSpan.FromSeconds(30)), Is.EqualTo("ready"));
            // Enough records for several flushes, then kill mid-stream.
            Assert.That(Wait.Until(() => new FileInfo(logPath).Length > bytesBeforeKill, TimeSpan.FromSeconds(30)), Is.True,
                $"the child did not log {bytesBeforeKill} bytes within 30 s");
            // Kill at a point unrelated to the last write: up to one flush interval's worth of records later.
            long target = Logged(progressPath) + Random.Shared.Next(1, recordsPerMillisecond * 100);
            Assert.That(Wait.Until(() => Logged(progressPath) >= target, TimeSpan.FromSeconds(30)), Is.True);
            killedAt = DateTime.UtcNow;
            child.Kill();   // SIGKILL on Linux: no handler, no flush
            Assert.That(child.WaitForExit(10_000), Is.True);
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }

        byte[] bytes = File.ReadAllBytes(logPath);
        Assert.That(bytes[^1], Is.EqualTo((byte)'\n'), "the file ends inside a line");
        string[] lines = File.ReadAllLines(logPath);
        long expected = 1;
        DateTime lastTime = default;
        foreach (string line in lines)
        {
            Match m = Line().Match(line);
            Assert.That(m.Success, Is.True, $"torn or foreign line after record {expected - 1}: '{line}'");
            Assert.That(long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), Is.EqualTo(expected), "gap in the sequence");
            lastTime = DateTime.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            expected++;
        }
        long inFile = expected - 1;
        long logged = Logged(progressPath);
        TimeSpan lostWindow = killedAt - lastTime;
        TestContext.Out.WriteLine($"records in file {inFile}, logged {logged}, last record {lostWindow.TotalMilliseconds:F1} ms before the kill");

        Assert.That(inFile, Is.GreaterThan(bytesBeforeKill / 100));
        Assert.That(logged, Is.GreaterThanOrEqualTo(inFile));
        if (logged > inFile)
            Assert.That(lostWindow, Is.LessThanOrEqualTo(FlushInterval + Slack), "more than one flush interval was lost");
    }

    /// <summary>The child's last logged sequence number (its memory-mapped progress file).</summary>
    private static long Logged(string progressPath)
    {
        using var file = new FileStream(progressPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> bytes = stackalloc byte[8];
        file.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    private static Process StartChild(string logPath, string progressPath, int burst)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Appliance.Logging.ChildLogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, logPath, progressPath, ((int)FlushInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), burst.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the child logger");
    }

    private static string? ReadLineWithin(Process process, TimeSpan timeout)
    {
        Task<string?> line = process.StandardOutput.ReadLineAsync();
        return line.Wait(timeout) ? line.Result : throw new TimeoutException("the child logger did not start: " + process.StandardError.ReadToEnd());
    }
}
