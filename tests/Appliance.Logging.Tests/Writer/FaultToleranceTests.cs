using Appliance.Logging.Sinks;
using Appliance.Logging.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.Writer;

/// <summary>A failing sink or formatter costs its own output, never the writer or the other sinks.</summary>
public class FaultToleranceTests
{
    private sealed class ThrowingSink() : LogSink(LineFormat.Text, LogLevel.Trace)
    {
        public override void Write(ReadOnlySpan<byte> lines) => throw new IOException("disk full");
    }

    [Test]
    public void A_throwing_sink_is_counted_and_the_other_sinks_still_get_every_line()
    {
        using var t = new TestLog(more: new ThrowingSink());
        for (int i = 0; i < 3; i++)
        {
            t.Log.Info($"rec {i}");
            Assert.That(t.System.Flush(TestLog.Timeout), Is.True);
        }
        Assert.That(t.Sink.Lines.Select(TestLog.MessageOf), Is.EqualTo(new[] { "rec 0", "rec 1", "rec 2" }));
        Assert.That(t.System.Counters.SinkErrors, Is.EqualTo(3));
    }

    [Test]
    public void A_throwing_formatter_loses_its_line_only()
    {
        using var t = new TestLog();
        t.Log.Info($"before");
        t.Log.Info($"broken {new Broken()}");
        t.Log.Info($"after");
        Assert.That(t.Messages(), Is.EqualTo(new[] { "before", "after" }));
    }

    [Test]
    public void Invalid_options_are_all_reported_at_once_naming_each_option()
    {
        var options = new LogOptions { BufferBytes = 1000, MaxRecordBytes = 100, FlushInterval = TimeSpan.Zero };
        var error = Assert.Throws<ArgumentException>(() => new LogSystem(options, new MemorySink()));
        Assert.That(error!.Message, Does.Contain("BufferBytes").And.Contain("MaxRecordBytes").And.Contain("FlushInterval"));
    }

    [Test]
    public void A_category_name_has_a_length_limit()
    {
        using var t = new TestLog();
        Assert.Throws<ArgumentException>(() => t.System.GetLogger(new string('c', LogSystem.MaxCategoryLength + 1)));
        Assert.That(t.System.GetLogger(new string('c', LogSystem.MaxCategoryLength)).Category, Has.Length.EqualTo(LogSystem.MaxCategoryLength));
    }
}
