using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.FixedPoint;

/// <summary>
/// A price as integer units of 10^-Scale, the scale being the instrument's. Comparisons and arithmetic
/// assume both sides share the scale (one instrument); that is asserted in debug builds, not checked in release.
/// </summary>
public readonly struct Price : IEquatable<Price>, IComparable<Price>, IUtf8SpanFormattable, ISpanFormattable
{
    public readonly long Units;
    public readonly byte Scale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Price(long units, int scale)
    {
        Debug.Assert((uint)scale <= FixedDecimal.MaxScale);
        Units = units;
        Scale = (byte)scale;
    }

    public static FixedParseStatus TryParse(ReadOnlySpan<byte> utf8, int scale, out Price price)
    {
        var status = FixedDecimal.TryParse(utf8, scale, out long units);
        price = new Price(units, scale);
        return status;
    }

    /// <summary>Cold path (config, tools): throws <see cref="FormatException"/> naming the input and the reason.</summary>
    public static Price Parse(string text, int scale) =>
        new(FixedPointThrowHelper.ParseOrThrow(text, scale, "price"), scale);

    public double ToDouble() => (double)Units / FixedDecimal.Pow10(Scale);

    public static Price operator +(Price a, Price b) { AssertSameScale(a.Scale, b.Scale); return new(a.Units + b.Units, a.Scale); }
    public static Price operator -(Price a, Price b) { AssertSameScale(a.Scale, b.Scale); return new(a.Units - b.Units, a.Scale); }
    public static bool operator <(Price a, Price b) { AssertSameScale(a.Scale, b.Scale); return a.Units < b.Units; }
    public static bool operator >(Price a, Price b) { AssertSameScale(a.Scale, b.Scale); return a.Units > b.Units; }
    public static bool operator <=(Price a, Price b) { AssertSameScale(a.Scale, b.Scale); return a.Units <= b.Units; }
    public static bool operator >=(Price a, Price b) { AssertSameScale(a.Scale, b.Scale); return a.Units >= b.Units; }
    public static bool operator ==(Price a, Price b) => a.Equals(b);
    public static bool operator !=(Price a, Price b) => !a.Equals(b);

    /// <summary>Equal when units and scale are equal: 1.50 at scale 2 and 1.500 at scale 3 are different instruments' prices.</summary>
    public bool Equals(Price other) => Units == other.Units && Scale == other.Scale;
    public override bool Equals(object? obj) => obj is Price p && Equals(p);
    public override int GetHashCode() => HashCode.Combine(Units, Scale);
    public int CompareTo(Price other) { AssertSameScale(Scale, other.Scale); return Units.CompareTo(other.Units); }

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedDecimal.TryFormat(Units, Scale, utf8Destination, out bytesWritten);
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedDecimal.TryFormat(Units, Scale, destination, out charsWritten);
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
    public override string ToString() => FixedDecimal.ToString(Units, Scale);

    [Conditional("DEBUG")]
    internal static void AssertSameScale(byte a, byte b) => Debug.Assert(a == b, "fixed-point values of different scales mixed");
}
