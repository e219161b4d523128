using System.Text;
using Appliance.Logging.Formatting;

namespace Appliance.Logging.Tests.Formatting;

public class TimestampFormatterTests
{
    [TestCase("2026-11-21T14:13:43.1234567Z", "2026-11-21T14:13:43.123456Z")]
    [TestCase("2026-11-21T14:13:43.0000009Z", "2026-11-21T14:13:43.000000Z")]
    [TestCase("2026-12-31T23:59:59.9999999Z", "2026-12-31T23:59:59.999999Z")]
    [TestCase("0001-01-01T00:00:00.0000000Z", "0001-01-01T00:00:00.000000Z")]
    [TestCase("2028-02-29T00:00:00.0000010Z", "2028-02-29T00:00:00.000001Z")]
    public void Formats_27_bytes_of_iso_8601_utc_with_microseconds_truncated(string instant, string expected)
    {
        var formatter = new TimestampFormatter();
        var bytes = new byte[TimestampFormatter.Length];
        formatter.Format(DateTime.Parse(instant, null, System.Globalization.DateTimeStyles.RoundtripKind).Ticks, bytes);
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo(expected));
    }

    [Test]
    public void The_cached_second_is_replaced_when_the_second_changes()
    {
        var formatter = new TimestampFormatter();
        var bytes = new byte[TimestampFormatter.Length];
        var t = new DateTime(2026, 11, 21, 14, 13, 59, DateTimeKind.Utc);
        formatter.Format(t.AddTicks(9_999_990).Ticks, bytes);
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo("2026-11-21T14:13:59.999999Z"));
        formatter.Format(t.AddSeconds(1).Ticks, bytes);
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo("2026-11-21T14:14:00.000000Z"));
        formatter.Format(t.Ticks, bytes);
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo("2026-11-21T14:13:59.000000Z"));
    }
}
