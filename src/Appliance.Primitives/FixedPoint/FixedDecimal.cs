using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.FixedPoint;

/// <summary>
/// Parsing and formatting of scaled 64-bit decimals: the value is <c>units / 10^scale</c>.
/// Parsing is exact: a digit that the scale cannot hold is an error (<see cref="FixedParseStatus.TooManyDecimals"/>)
/// unless it is a trailing zero, because venues pad ("0.01000000") and padding loses nothing.
/// </summary>
public static class FixedDecimal
{
    /// <summary>10^18 is the largest power of ten below <see cref="long.MaxValue"/>.</summary>
    public const int MaxScale = 18;

    /// <summary>Longest UTF-8 form: sign, 19 digits, point, and a leading "0" when scale is 18 or more.</summary>
    public const int MaxFormattedLength = 22;

    // A constant table in the image's data (no array, no static constructor check): inlines to one load.
    private static ReadOnlySpan<long> PowersOfTen =>
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Pow10(int scale)
    {
        Debug.Assert((uint)scale <= MaxScale);
        return PowersOfTen[scale];
    }

    /// <summary>Parses <c>[+-]digits[.digits]</c> (either digit run may be empty, not both) into units of 10^-scale.</summary>
    public static FixedParseStatus TryParse(ReadOnlySpan<byte> text, int scale, out long units) =>
        TryParse(text, scale, out units, out _);

    /// <param name="errorOffset">On failure, the byte offset in <paramref name="text"/> that caused it.</param>
    public static FixedParseStatus TryParse(ReadOnlySpan<byte> text, int scale, out long units, out int errorOffset)
    {
        // Fast path: at most 18 digits folded into the value cannot overflow a long (10^18 - 1 < 2^63), so the
        // per-digit overflow check (a division each) is left to the checked path below, taken only past that.
        units = 0;
        errorOffset = 0;
        if ((uint)scale > MaxScale) return FixedParseStatus.InvalidScale;
        if (text.IsEmpty) return FixedParseStatus.Empty;
        int i = 0;
        bool negative = false;
        byte first = text[0];
        if (first == (byte)'-' || first == (byte)'+')
        {
            negative = first == (byte)'-';
            i = 1;
        }
        ulong value = 0;
        int folded = 0; // digits folded into value (it may wrap past 19: then the checked path decides)
        int digits = 0;
        for (; (uint)i < (uint)text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9) break;
            value = value * 10 + d;
            folded++;
        }
        digits = folded;
        int decimals = 0;
        if ((uint)i < (uint)text.Length && text[i] == (byte)'.')
        {
            i++;
            for (; (uint)i < (uint)text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) break;
                digits++;
                if (decimals == scale)
                {
                    if (d != 0) break; // beyond the scale only zeros are exact: the checked path reports it
                    continue;
                }
                decimals++;
                value = value * 10 + d;
                folded++;
            }
        }
        int missing = scale - decimals;
        if (i != text.Length || digits == 0 || folded + missing > 18)
            return TryParseChecked(text, scale, text[0] == (byte)'-' || text[0] == (byte)'+' ? 1 : 0, negative, out units, out errorOffset);
        if (missing > 0) value *= (ulong)PowersOfTen[missing];
        units = negative ? (long)(0 - value) : (long)value;
        return FixedParseStatus.Ok;
    }

    /// <summary>
    /// The general parse from the first digit (<paramref name="i"/>, past any sign): overflow checked per digit,
    /// every error located. What the fast path defers to.
    /// </summary>
    private static FixedParseStatus TryParseChecked(ReadOnlySpan<byte> text, int scale, int i, bool negative, out long units, out int errorOffset)
    {
        units = 0;
        errorOffset = 0;

        // Accumulate the magnitude as ulong so that long.MinValue parses; the limit is checked per digit.
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong value = 0;
        int digits = 0;

        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9) break;
            digits++;
            if (value > (limit - d) / 10) { errorOffset = i; return FixedParseStatus.Overflow; }
            value = value * 10 + d;
        }

        int decimals = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            for (; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) break;
                digits++;
                if (decimals == scale)
                {
                    // Beyond the scale only zeros are exact.
                    if (d != 0) { errorOffset = i; return FixedParseStatus.TooManyDecimals; }
                    continue;
                }
                decimals++;
                if (value > (limit - d) / 10) { errorOffset = i; return FixedParseStatus.Overflow; }
                value = value * 10 + d;
            }
        }

        if (i < text.Length) { errorOffset = i; return FixedParseStatus.InvalidCharacter; }
        if (digits == 0) { errorOffset = i; return FixedParseStatus.NoDigits; }

        // Scale up for the decimals not written ("1.5" at scale 8 is 150000000 units).
        int missing = scale - decimals;
        if (missing > 0)
        {
            ulong factor = (ulong)PowersOfTen[missing];
            if (value > limit / factor) { errorOffset = text.Length - 1; return FixedParseStatus.Overflow; }
            value *= factor;
        }

        units = negative ? (long)(0 - value) : (long)value;
        return FixedParseStatus.Ok;
    }

    /// <summary>Formats with exactly <paramref name="scale"/> decimals ("100.50" at scale 2; "-0.001" at scale 3).</summary>
    public static bool TryFormat(long units, int scale, Span<byte> destination, out int written)
    {
        Debug.Assert((uint)scale <= MaxScale);
        written = 0;
        // Work on the magnitude as ulong so long.MinValue formats.
        bool negative = units < 0;
        ulong magnitude = negative ? 0 - (ulong)units : (ulong)units;

        // Digits of the magnitude, at least scale + 1 so there is always an integer digit.
        int digitCount = CountDigits(magnitude);
        if (digitCount < scale + 1) digitCount = scale + 1;
        int length = digitCount + (negative ? 1 : 0) + (scale > 0 ? 1 : 0);
        if (destination.Length < length) return false;

        int pos = length;
        for (int d = 0; d < digitCount; d++)
        {
            if (d == scale && scale > 0) destination[--pos] = (byte)'.';
            ulong q = magnitude / 10;
            destination[--pos] = (byte)('0' + (int)(magnitude - q * 10));
            magnitude = q;
        }
        if (negative) destination[--pos] = (byte)'-';
        Debug.Assert(pos == 0);
        written = length;
        return true;
    }

    public static string ToString(long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        TryFormat(units, scale, buffer, out int written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>UTF-16 formatting for <see cref="ISpanFormattable"/>; the digits are ASCII so the transcoding is a widening.</summary>
    public static bool TryFormat(long units, int scale, Span<char> destination, out int written)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        written = 0;
        if (!TryFormat(units, scale, buffer, out int n) || destination.Length < n) return false;
        for (int i = 0; i < n; i++) destination[i] = (char)buffer[i];
        written = n;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong value)
    {
        int n = 1;
        while (value >= 10) { value /= 10; n++; }
        return n;
    }
}
