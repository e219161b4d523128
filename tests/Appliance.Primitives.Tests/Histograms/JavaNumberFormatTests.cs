using System.Text;
using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

public class JavaNumberFormatTests
{
    // Expected strings printed by Java 17's String.format(Locale.US, ...) on this machine.
    [TestCase(0.15, 1, 0, "0.2")]
    [TestCase(1.005, 2, 0, "1.01")]
    [TestCase(2.675, 2, 0, "2.68")]
    [TestCase(0.125, 2, 0, "0.13")]
    [TestCase(0.135, 2, 0, "0.14")]
    [TestCase(12345.6785, 3, 0, "12345.679")]
    [TestCase(1e21, 3, 0, "1000000000000000000000.000")]
    [TestCase(0.999999999999999, 12, 0, "1.000000000000")]
    [TestCase(1 / (1 - 0.9999999999999), 2, 0, "9996891514695.89")]
    [TestCase(1e15 / 7, 2, 14, "142857142857142.84")]
    [TestCase(123456789012345678901234.0, 3, 12, "123456789012345690000000.000")]
    [TestCase(0.5, 12, 2, "0.500000000000")]
    [TestCase(1.0, 3, 12, "       1.000")]
    [TestCase(0.0, 3, 0, "0.000")]
    [TestCase(9.9996, 3, 0, "10.000")]
    [TestCase(0.0005, 3, 0, "0.001")]
    [TestCase(0.0004, 3, 0, "0.000")]
    [TestCase(1.5e-7, 12, 0, "0.000000150000")]
    [TestCase(7.0, 0, 0, "7")]
    [TestCase(double.NaN, 3, 0, "NaN")]
    [TestCase(-2.5, 1, 6, "  -2.5")]
    public void Fixed_point_matches_java_formatter(double value, int precision, int width, string expected)
    {
        Span<byte> buffer = stackalloc byte[JavaNumberFormat.MaxFixedLength];
        int n = JavaNumberFormat.FormatFixed(value, precision, width, buffer);
        Assert.That(Encoding.ASCII.GetString(buffer[..n]), Is.EqualTo(expected));
    }

    [TestCase(0L, 10, "         0")]
    [TestCase(1234567890123L, 10, "1234567890123")]
    [TestCase(-5L, 3, " -5")]
    public void Integer_matches_java_formatter(long value, int width, string expected)
    {
        Span<byte> buffer = stackalloc byte[32];
        int n = JavaNumberFormat.FormatInteger(value, width, buffer);
        Assert.That(Encoding.ASCII.GetString(buffer[..n]), Is.EqualTo(expected));
    }
}
