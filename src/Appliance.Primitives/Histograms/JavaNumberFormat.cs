using System.Diagnostics;
using System.Globalization;

namespace Appliance.Primitives.Histograms;

/// <summary>
/// ASCII number formatting with the exact output of Java's <c>String.format(Locale.US, "%W.Pf")</c>
/// and <c>"%Wd"</c>, which HdrHistogram's text formats are defined by.
/// </summary>
/// <remarks>
/// Java (and ICU, hence hdr-histogram-js) round the shortest round-trip decimal digits of a double
/// half-up, not its exact binary value: 1.005 prints as "1.01" with 2 decimals where .NET's "F2"
/// and C's printf give "1.00". Matching that keeps our tables byte-equal to the originals.
/// </remarks>
internal static class JavaNumberFormat
{
    /// <summary>Longest output of <see cref="FormatFixed"/> for a finite double with up to 20 decimals (309 integer digits).</summary>
    public const int MaxFixedLength = 1 + 309 + 1 + 20;

    /// <summary>Formats like Java's "%{width}.{precision}f"; returns the bytes written.</summary>
    public static int FormatFixed(double value, int precision, int width, Span<byte> destination)
    {
        Debug.Assert(precision is >= 0 and <= 20);
        Span<byte> text = stackalloc byte[MaxFixedLength];
        int length = FormatFixedUnpadded(value, precision, text);
        return Pad(text[..length], width, destination);
    }

    /// <summary>Formats like Java's "%{width}d"; returns the bytes written.</summary>
    public static int FormatInteger(long value, int width, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[20];
        bool ok = value.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
        Debug.Assert(ok);
        return Pad(text[..length], width, destination);
    }

    private static int Pad(ReadOnlySpan<byte> text, int width, Span<byte> destination)
    {
        int padding = Math.Max(width - text.Length, 0);
        destination[..padding].Fill((byte)' ');
        text.CopyTo(destination[padding..]);
        return padding + text.Length;
    }

    private static int FormatFixedUnpadded(double value, int precision, Span<byte> destination)
    {
        if (double.IsNaN(value))
            return Copy("NaN"u8, destination);
        if (double.IsPositiveInfinity(value))
            return Copy("Infinity"u8, destination);
        if (double.IsNegativeInfinity(value))
            return Copy("-Infinity"u8, destination);

        int written = 0;
        if (double.IsNegative(value))
        {
            destination[written++] = (byte)'-';
            value = -value;
        }

        // Shortest round-trip digits ("R" is shortest on .NET Core 3.0+), as d1d2...dn and a decimal
        // point position such that value = 0.d1d2...dn * 10^pointPosition.
        Span<byte> shortest = stackalloc byte[32];
        bool ok = value.TryFormat(shortest, out int shortestLength, "R", CultureInfo.InvariantCulture);
        Debug.Assert(ok);
        Span<byte> digits = stackalloc byte[32];
        int digitCount = 0;
        int integerDigits = -1;
        int exponent = 0;
        for (int i = 0; i < shortestLength; i++)
        {
            byte c = shortest[i];
            if (c == (byte)'.')
            {
                integerDigits = digitCount;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                bool parsed = int.TryParse(shortest[(i + 1)..shortestLength], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
                Debug.Assert(parsed);
                break;
            }
            else
            {
                digits[digitCount++] = c;
            }
        }
        if (integerDigits < 0)
            integerDigits = digitCount;
        int pointPosition = integerDigits + exponent;

        int leadingZeros = 0;
        while (leadingZeros < digitCount - 1 && digits[leadingZeros] == (byte)'0')
            leadingZeros++;
        digits = digits[leadingZeros..digitCount];
        pointPosition -= leadingZeros;
        if (digits.Length == 1 && digits[0] == (byte)'0')
            pointPosition = 1;

        // Round half-up to `precision` decimals: keep the first pointPosition + precision digits.
        int keep = pointPosition + precision;
        if (keep < 0)
        {
            digits = digits[..0];
        }
        else if (keep < digits.Length)
        {
            bool roundUp = digits[keep] >= (byte)'5';
            digits = digits[..keep];
            if (roundUp)
            {
                int i = keep - 1;
                while (i >= 0 && digits[i] == (byte)'9')
                    digits[i--] = (byte)'0';
                if (i >= 0)
                {
                    digits[i]++;
                }
                else
                {
                    // All nines (or nothing kept): 0.99.. becomes 1.00.., one more integer digit.
                    Span<byte> carried = stackalloc byte[digits.Length + 1];
                    carried[0] = (byte)'1';
                    digits.CopyTo(carried[1..]);
                    pointPosition++;
                    return written + Emit(carried, pointPosition, precision, destination[written..]);
                }
            }
        }
        return written + Emit(digits, pointPosition, precision, destination[written..]);
    }

    // Writes 0.digits * 10^pointPosition with exactly `precision` decimals; missing digits are zeros.
    private static int Emit(ReadOnlySpan<byte> digits, int pointPosition, int precision, Span<byte> destination)
    {
        int written = 0;
        if (pointPosition <= 0)
        {
            destination[written++] = (byte)'0';
        }
        else
        {
            for (int i = 0; i < pointPosition; i++)
                destination[written++] = i < digits.Length ? digits[i] : (byte)'0';
        }
        if (precision == 0)
            return written;
        destination[written++] = (byte)'.';
        for (int i = 0; i < precision; i++)
        {
            int digitIndex = pointPosition + i;
            destination[written++] = digitIndex >= 0 && digitIndex < digits.Length ? digits[digitIndex] : (byte)'0';
        }
        return written;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
