using System.Globalization;
using System.Text;
using Appliance.Logging.Formatting;

namespace Appliance.Logging.Tests.Formatting;

public unsafe class DecimalDigitsTests
{
    [Test]
    public void Writes_what_ToString_writes_at_every_digit_count_boundary_and_the_extremes()
    {
        var values = new List<long> { 0, long.MinValue, long.MaxValue, long.MinValue + 1 };
        for (long p = 1; p > 0 && p <= long.MaxValue / 10 * 10; p = p <= long.MaxValue / 10 ? p * 10 : -1)
            values.AddRange([p - 1, p, p + 1, -p + 1, -p, -p - 1]);
        var random = new Random(8);
        for (int i = 0; i < 10_000; i++) values.Add(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
        byte* buffer = stackalloc byte[DecimalDigits.MaxLength];
        foreach (long v in values)
        {
            int n = DecimalDigits.Write(v, buffer);
            Assert.That(Encoding.ASCII.GetString(buffer, n), Is.EqualTo(v.ToString(CultureInfo.InvariantCulture)));
        }
        foreach (ulong v in new[] { ulong.MaxValue, ulong.MaxValue - 1, 10_000_000_000_000_000_000UL, 9_999_999_999_999_999_999UL })
        {
            int n = DecimalDigits.Write(v, buffer);
            Assert.That(Encoding.ASCII.GetString(buffer, n), Is.EqualTo(v.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
