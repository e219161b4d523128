using Appliance.Logging.Handlers;
using Appliance.Logging.Sinks;
using Appliance.Logging.Tests.TestSupport;
using Appliance.Primitives.FixedPoint;
using Appliance.Primitives.Time;

namespace Appliance.Logging.Tests.Writer;

/// <summary>The writer thread formats without allocating: no garbage means no GC pauses for the hot threads.</summary>
public class WriterAllocationTests
{
    [Test]
    public void The_writer_allocates_nothing_per_record_in_steady_state()
    {
        var text = new CountingSink(LineFormat.Text);
        var json = new CountingSink(LineFormat.Json);
        using var system = new LogSystem(TestLog.Options(bufferBytes: 1 << 20), text, json);
        Logger log = system.GetLogger("Alloc");
        void LogAll(int i)
        {
            log.Info($"{i} {(byte)1} {(short)-2} {3u} {4L} {5UL} {1.5} {1.5f} {true} {'c'} {Side.Sell} {Channels.Trades | Channels.Depth}");
            log.Info($"{new MonoTime(MonoClock.Now())} {DateTime.UtcNow} {DateTimeOffset.UtcNow} {"utf8"u8} {"utf16 é"} {(string?)null}");
            log.Info($"{new Price(10125, 2)} {new Quantity(3, 0)} {1.5m} {new Basis(3)} {i,8} {1.5,8:F2} {"quote\"d\n"}");
        }
        LogAll(0);
        Flush(system);
        long before = system.Writer.AllocatedBytes;
        for (int i = 0; i < 2000; i++) LogAll(i);
        Flush(system);
        Assert.That(system.Writer.AllocatedBytes - before, Is.Zero);
        Assert.That(text.Lines, Is.EqualTo(3 * 2001));
        Assert.That(json.Lines, Is.EqualTo(3 * 2001));
    }

    private static void Flush(LogSystem system)
    {
        // The writer samples its allocation counter after completing a flush: the third flush sees the second's sample.
        for (int i = 0; i < 3; i++) Assert.That(system.Flush(TestLog.Timeout), Is.True);
    }
}
