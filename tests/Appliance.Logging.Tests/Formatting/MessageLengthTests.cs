using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Formatting;

/// <summary>
/// A message is formatted into an eighth of the batch: one that formats longer is cut at that size, inside a
/// literal or before an argument that no longer fits, and marked, like a record truncated at capture.
/// </summary>
public class MessageLengthTests
{
    // BatchBytes 64 KiB: messages get 8 KiB, of which 12 bytes are kept for " [truncated]".
    private const int Body = 64 * 1024 / 8 - 12;
    private const string Tail = "then a literal that runs on past the end of the message buffer, so it is cut in the middle of itself";

    private static LogOptions Options() => new()
    {
        BufferBytes = 64 * 1024,
        BatchBytes = 64 * 1024,
        DefaultLevel = Microsoft.Extensions.Logging.LogLevel.Trace,
        FlushOnProcessExit = false,
    };

    [Test]
    public void A_message_longer_than_its_buffer_is_cut_inside_a_literal_and_marked()
    {
        using var t = new TestLog(Options());
        var b = new Banner((byte)'#');
        t.Log.Info($"start {b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b} then a literal that runs on past the end of the message buffer, so it is cut in the middle of itself");
        string full = "start " + new string('#', 27 * Banner.Width) + " " + Tail;
        Assert.That(full.Length, Is.GreaterThan(Body), "the test must overflow the buffer");
        Assert.That(6 + 27 * Banner.Width, Is.LessThan(Body), "the cut must fall inside the literal");
        Assert.That(t.Single(), Is.EqualTo(full[..Body] + " [truncated]"));
    }

    [Test]
    public void A_message_longer_than_its_buffer_stops_before_the_argument_that_does_not_fit()
    {
        using var t = new TestLog(Options());
        var b = new Banner((byte)'=');
        t.Log.Info($"{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b} end");
        int whole = Body / Banner.Width;
        Assert.That(t.Single(), Is.EqualTo(new string('=', whole * Banner.Width) + " [truncated]"));
    }
}
