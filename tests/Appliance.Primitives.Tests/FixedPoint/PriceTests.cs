using System.Text;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Primitives.Tests.FixedPoint;

public class PriceTests
{
    [Test]
    public void Price_parses_compares_and_formats_as_utf8()
    {
        Assert.That(Price.TryParse("101.25"u8, 2, out var a), Is.EqualTo(FixedParseStatus.Ok));
        Assert.That(Price.TryParse("101.3"u8, 2, out var b), Is.EqualTo(FixedParseStatus.Ok));
        Assert.That(a < b && b > a && a != b, Is.True);
        Assert.That((b - a).Units, Is.EqualTo(5));
        Span<byte> utf8 = stackalloc byte[32];
        Assert.That(((IUtf8SpanFormattable)b).TryFormat(utf8, out int n, default, null), Is.True);
        Assert.That(Encoding.UTF8.GetString(utf8[..n]), Is.EqualTo("101.30"));
        Assert.That($"{b}", Is.EqualTo("101.30"));
        Assert.That(b.ToDouble(), Is.EqualTo(101.3).Within(1e-12));
    }

    [Test]
    public void Quantity_cold_parse_names_the_input_and_reason()
    {
        Assert.That(Quantity.Parse("0.001", 3).Units, Is.EqualTo(1));
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse("0.0015", 3));
        Assert.That(ex!.Message, Does.Contain("quantity \"0.0015\"").And.Contain("TooManyDecimals"));
    }

    [Test]
    public void Values_of_different_scales_are_not_equal()
    {
        Assert.That(new Price(150, 2), Is.Not.EqualTo(new Price(1500, 3)));
        Assert.That(new Quantity(150, 2), Is.EqualTo(new Quantity(150, 2)));
    }
}
