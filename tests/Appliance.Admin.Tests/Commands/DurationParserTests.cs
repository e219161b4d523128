using Appliance.Admin.Commands;

namespace Appliance.Admin.Tests.Commands;

public class DurationParserTests
{
    [TestCase("90", 90_000)]
    [TestCase("90s", 90_000)]
    [TestCase("250ms", 250)]
    [TestCase("5m", 300_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("2d", 172_800_000)]
    [TestCase("1m30s500ms", 90_500)]
    public void Reads_operator_durations(string text, long milliseconds)
    {
        Assert.That(DurationParser.TryParse(text, out var d), Is.True);
        Assert.That(d, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("0")]
    [TestCase("0s")]
    [TestCase("-5s")]
    [TestCase("5 s")]
    [TestCase("5x")]
    [TestCase("s")]
    [TestCase("1.5s")]
    [TestCase("5S")]
    [TestCase("99999999999s")]
    public void Refuses_anything_else(string text)
    {
        Assert.That(DurationParser.TryParse(text, out _), Is.False);
    }
}
