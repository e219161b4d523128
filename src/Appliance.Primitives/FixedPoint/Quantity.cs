using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.FixedPoint;

/// <summary>
/// A quantity (size, volume) as integer units of 10^-Scale, the scale being the instrument's. Comparisons and arithmetic
/// assume both sides share the scale (one instrument); that is asserted in debug builds, not checked in release.
/// </summary>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>, IUtf8SpanFormattable, ISpanFormattable
{
    public readonly long Units;
    public readonly byte Scale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quantity(long units, int scale)
    {
        Debug.Assert((uint)scale <= FixedDecimal.MaxScale);
        Units = units;
        Scale = (byte)scale;
    }

    public static FixedParseStatus TryParse(ReadOnlySpan<byte> utf8, int scale, out Quantity price)
    {
        var status = FixedDecimal.TryParse(utf8, scale, out long units);
        price = new Quantity(units, scale);
        return status;
    }

    /// <summary>Cold path (config, tools): throws <see cref="FormatException"/> naming the input and the reason.</summary>
    public static Quantity Parse(string text, int scale) =>
        new(FixedPointThrowHelper.ParseOrThrow(text, scale, "quantity"), scale);

    public double ToDouble() => (double)Units / FixedDecimal.Pow10(Scale);

    public static Quantity operator +(Quantity a, Quantity b) { Price.AssertSameScale(a.Scale, b.Scale); return new(a.Units + b.Units, a.Scale); }
    public static Quantity operator -(Quantity a, Quantity b) { Price.AssertSameScale(a.Scale, b.Scale); return new(a.Units - b.Units, a.Scale); }
    public static bool operator <(Quantity a, Quantity b) { Price.AssertSameScale(a.Scale, b.Scale); return a.Units < b.Units; }
    public static bool operator >(Quantity a, Quantity b) { Price.AssertSameScale(a.Scale, b.Scale); return a.Units > b.Units; }
    public static bool operator <=(Quantity a, Quantity b) { Price.AssertSameScale(a.Scale, b.Scale); return a.Units <= b.Units; }
    public static bool operator >=(Quantity a, Quantity b) { Price.AssertSameScale(a.Scale, b.Scale); return a.Units >= b.Units; }
    public static bool operator ==(Quantity a, Quantity b) => a.Equals(b);
    public static bool operator !=(Quantity a, Quantity b) => !a.Equals(b);

    /// <summary>Equal when units and scale are equal: 1.50 at scale 2 and 1.500 at scale 3 are different instruments' quantities.</summary>
    public bool Equals(Quantity other) => Units == other.Units && Scale == other.Scale;
    public override bool Equals(object? obj) => obj is Quantity p && Equals(p);
    public override int GetHashCode() => HashCode.Combine(Units, Scale);
    public int CompareTo(Quantity other) { Price.AssertSameScale(Scale, other.Scale); return Units.CompareTo(other.Units); }

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedDecimal.TryFormat(Units, Scale, utf8Destination, out bytesWritten);
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedDecimal.TryFormat(Units, Scale, destination, out charsWritten);
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
    public override string ToString() => FixedDecimal.ToString(Units, Scale);
}
