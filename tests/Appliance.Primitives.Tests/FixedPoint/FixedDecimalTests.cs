using System.Text;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Primitives.Tests.FixedPoint;

public class FixedDecimalTests
{
    private static FixedParseStatus Parse(string s, int scale, out long units) =>
        FixedDecimal.TryParse(Encoding.ASCII.GetBytes(s), scale, out units);

    [TestCase("0", 2, 0L)]
    [TestCase("1", 2, 100L)]
    [TestCase("1.5", 2, 150L)]
    [TestCase("1.50", 2, 150L)]
    [TestCase("0001.50", 2, 150L)]
    [TestCase(".5", 2, 50L)]
    [TestCase("5.", 2, 500L)]
    [TestCase("-.5", 2, -50L)]
    [TestCase("+12.34", 2, 1234L)]
    [TestCase("-12.34", 2, -1234L)]
    [TestCase("-0", 2, 0L)]
    [TestCase("0.01000000", 2, 1L)]                  // venue padding beyond the scale is exact
    [TestCase("43123.45000000", 8, 4312345000000L)]
    [TestCase("0.00000001", 8, 1L)]
    [TestCase("9223372036854775807", 0, long.MaxValue)]
    [TestCase("-9223372036854775808", 0, long.MinValue)]
    [TestCase("92233720368.54775807", 8, long.MaxValue)]
    [TestCase("0.000000000000000001", 18, 1L)]
    [TestCase("7", 0, 7L)]
    public void Valid_decimals_parse_exactly(string text, int scale, long expected)
    {
        Assert.That(Parse(text, scale, out long units), Is.EqualTo(FixedParseStatus.Ok));
        Assert.That(units, Is.EqualTo(expected));
    }

    [TestCase("", 2, FixedParseStatus.Empty)]
    [TestCase("-", 2, FixedParseStatus.NoDigits)]
    [TestCase("+", 2, FixedParseStatus.NoDigits)]
    [TestCase(".", 2, FixedParseStatus.NoDigits)]
    [TestCase("-.", 2, FixedParseStatus.NoDigits)]
    [TestCase("1.234", 2, FixedParseStatus.TooManyDecimals)]
    [TestCase("1.2301", 2, FixedParseStatus.TooManyDecimals)]
    [TestCase("0.5", 0, FixedParseStatus.TooManyDecimals)]
    [TestCase("9223372036854775808", 0, FixedParseStatus.Overflow)]
    [TestCase("-9223372036854775809", 0, FixedParseStatus.Overflow)]
    [TestCase("92233720368.54775808", 8, FixedParseStatus.Overflow)]
    [TestCase("92233720369", 8, FixedParseStatus.Overflow)]   // overflow appears only when scaling up
    [TestCase("99999999999999999999999", 2, FixedParseStatus.Overflow)]
    [TestCase("1e5", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase(" 1", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("1 ", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("--1", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("1.2.3", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("1,5", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("abc", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("\"1.5\"", 2, FixedParseStatus.InvalidCharacter)]
    [TestCase("1", 19, FixedParseStatus.InvalidScale)]
    [TestCase("1", -1, FixedParseStatus.InvalidScale)]
    public void Invalid_decimals_are_refused_with_a_reason(string text, int scale, FixedParseStatus expected)
    {
        Assert.That(Parse(text, scale, out long units), Is.EqualTo(expected));
        Assert.That(units, Is.Zero, "no partial value leaks out of a failed parse");
    }

    [Test]
    public void Error_offset_points_at_the_offending_byte()
    {
        var status = FixedDecimal.TryParse("12.3x"u8, 2, out _, out int offset);
        Assert.That(status, Is.EqualTo(FixedParseStatus.InvalidCharacter));
        Assert.That(offset, Is.EqualTo(4));
        status = FixedDecimal.TryParse("1.239"u8, 2, out _, out offset);
        Assert.That(status, Is.EqualTo(FixedParseStatus.TooManyDecimals));
        Assert.That(offset, Is.EqualTo(4));
    }

    [TestCase(0L, 2, "0.00")]
    [TestCase(150L, 2, "1.50")]
    [TestCase(-1L, 3, "-0.001")]
    [TestCase(7L, 0, "7")]
    [TestCase(long.MaxValue, 8, "92233720368.54775807")]
    [TestCase(long.MinValue, 0, "-9223372036854775808")]
    [TestCase(long.MinValue, 18, "-9.223372036854775808")]
    [TestCase(1L, 18, "0.000000000000000001")]
    public void Formats_with_exactly_scale_decimals(long units, int scale, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength];
        Assert.That(FixedDecimal.TryFormat(units, scale, buffer, out int written), Is.True);
        Assert.That(Encoding.ASCII.GetString(buffer[..written]), Is.EqualTo(expected));
        Assert.That(FixedDecimal.ToString(units, scale), Is.EqualTo(expected));
    }

    [Test]
    public void Formatting_into_a_short_buffer_fails_without_writing_a_partial_value()
    {
        Span<byte> buffer = stackalloc byte[3];
        Assert.That(FixedDecimal.TryFormat(12345, 2, buffer, out int written), Is.False);
        Assert.That(written, Is.Zero);
    }

    [Test]
    public void Random_values_round_trip_through_format_and_parse()
    {
        var rng = new Random(20261121);
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength];
        for (int i = 0; i < 200_000; i++)
        {
            long units = rng.NextInt64(long.MinValue, long.MaxValue);
            int scale = rng.Next(0, FixedDecimal.MaxScale + 1);
            Assert.That(FixedDecimal.TryFormat(units, scale, buffer, out int written), Is.True);
            var status = FixedDecimal.TryParse(buffer[..written], scale, out long back);
            if (status != FixedParseStatus.Ok || back != units)
                Assert.Fail($"{units} at scale {scale} formatted as {Encoding.ASCII.GetString(buffer[..written])} parsed back as {back} ({status})");
        }
    }

    [Test]
    public void Parsing_agrees_with_decimal_on_random_inputs()
    {
        var rng = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            int scale = rng.Next(0, 9);
            decimal d = Math.Round((decimal)(rng.NextDouble() * 2 - 1) * rng.Next(1, 1_000_000), scale);
            string text = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(Parse(text, scale, out long units), Is.EqualTo(FixedParseStatus.Ok), text);
            Assert.That(units, Is.EqualTo((long)(d * FixedDecimal.Pow10(scale))), text);
        }
    }

    [Test]
    public void Parse_and_format_allocate_nothing()
    {
        ReadOnlySpan<byte> input = "43123.45000000"u8;
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength];
        long sum = 0;
        for (int i = 0; i < 1000; i++) { FixedDecimal.TryParse(input, 8, out long u); FixedDecimal.TryFormat(u, 8, buffer, out _); sum += u; }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++) { FixedDecimal.TryParse(input, 8, out long u); FixedDecimal.TryFormat(u, 8, buffer, out _); sum += u; }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(sum, Is.Not.Zero);
    }
}
