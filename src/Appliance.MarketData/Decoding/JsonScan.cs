using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// Forward-only UTF-8 JSON tokenizing for the hand-written decoder: each method takes the payload and a
/// position, advances the position past one token, and returns a status; on failure the position is the
/// offending byte. Validates what it passes over (RFC 8259 grammar, escapes, nesting limit) so garbage
/// is refused, not half-decoded. Running off the end is <see cref="DecodeStatus.Truncated"/>.
/// </summary>
internal static class JsonScan
{
    /// <summary>Arrays and objects nest at most this deep; Binance messages nest three levels.</summary>
    public const int MaxDepth = 32;

    // 1 for bytes that end the fast run inside a string: the quote, the backslash, and control bytes.
    private static ReadOnlySpan<byte> StringStop =>
    [
        1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
        0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> p, int pos)
    {
        while ((uint)pos < (uint)p.Length)
        {
            byte c = p[pos];
            if (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t') break;
            pos++;
        }
        return pos;
    }

    /// <summary>At an opening quote: locates the content and steps past the closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DecodeStatus ReadString(ReadOnlySpan<byte> p, ref int pos, out TextSpan text)
    {
        int start = pos + 1;
        int i = start;
        ReadOnlySpan<byte> stop = StringStop;
        while ((uint)i < (uint)p.Length && stop[p[i]] == 0) i++;
        if ((uint)i < (uint)p.Length && p[i] == (byte)'"')
        {
            text = new TextSpan(start, i - start, false);
            pos = i + 1;
            return DecodeStatus.Ok;
        }
        return ReadEscapedString(p, ref pos, start, i, out text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecodeStatus ReadEscapedString(ReadOnlySpan<byte> p, ref int pos, int start, int i, out TextSpan text)
    {
        text = default;
        bool escaped = false;
        ReadOnlySpan<byte> stop = StringStop;
        while (true)
        {
            while ((uint)i < (uint)p.Length && stop[p[i]] == 0) i++;
            if (i >= p.Length) { pos = i; return DecodeStatus.Truncated; }
            byte c = p[i];
            if (c == (byte)'"') break;
            if (c != (byte)'\\') { pos = i; return DecodeStatus.InvalidEscape; } // raw control byte
            escaped = true;
            if (i + 1 >= p.Length) { pos = i; return DecodeStatus.Truncated; }
            switch (p[i + 1])
            {
                case (byte)'"': case (byte)'\\': case (byte)'/': case (byte)'b':
                case (byte)'f': case (byte)'n': case (byte)'r': case (byte)'t':
                    i += 2;
                    break;
                case (byte)'u':
                    for (int k = 2; k < 6; k++)
                    {
                        if (i + k >= p.Length) { pos = i; return DecodeStatus.Truncated; }
                        if (JsonText.HexValue(p[i + k]) < 0) { pos = i + k; return DecodeStatus.InvalidEscape; }
                    }
                    i += 6;
                    break;
                default:
                    pos = i;
                    return DecodeStatus.InvalidEscape;
            }
        }
        text = new TextSpan(start, i - start, escaped);
        pos = i + 1;
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// The ASCII digits from <paramref name="i"/> on, as a number (wrapping past 19 digits: callers check
    /// the count, <paramref name="i"/>'s advance); <paramref name="i"/> is left on the first non-digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DigitRun(ReadOnlySpan<byte> p, ref int i)
    {
        ulong v = 0;
        while ((uint)i < (uint)p.Length)
        {
            uint d = (uint)(p[i] - '0');
            if (d > 9) break;
            v = v * 10 + d;
            i++;
        }
        return v;
    }

    /// <summary>An integer token (no fraction or exponent) that fits a long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DecodeStatus ReadInteger(ReadOnlySpan<byte> p, ref int pos, out long value)
    {
        int i = pos;
        bool negative = false;
        if ((uint)i < (uint)p.Length && p[i] == (byte)'-') { negative = true; i++; }
        int firstDigit = i;
        // Up to 19 digits fit a ulong without wrapping; more are refused below.
        ulong v = DigitRun(p, ref i);
        int digits = i - firstDigit;
        value = 0;
        if (digits == 0) { pos = i; return i >= p.Length ? DecodeStatus.Truncated : DecodeStatus.InvalidJson; }
        if ((uint)i < (uint)p.Length && (p[i] == (byte)'.' || (p[i] | 0x20) == (byte)'e')) { pos = i; return DecodeStatus.InvalidNumber; }
        if (digits > 19 || v > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            pos = firstDigit;
            return DecodeStatus.InvalidNumber;
        }
        if (digits > 1 && p[firstDigit] == (byte)'0') { pos = firstDigit; return DecodeStatus.InvalidJson; }
        value = negative ? (long)(0 - v) : (long)v;
        pos = i;
        return DecodeStatus.Ok;
    }

    /// <summary>Any JSON number, validated against the grammar, left as text.</summary>
    public static DecodeStatus ScanNumber(ReadOnlySpan<byte> p, ref int pos)
    {
        int i = pos;
        if (i < p.Length && p[i] == (byte)'-') i++;
        if (i >= p.Length) { pos = i; return DecodeStatus.Truncated; }
        if (p[i] == (byte)'0') i++;
        else if (!SkipDigits(p, ref i)) { pos = i; return DecodeStatus.InvalidJson; }
        if (i < p.Length && p[i] == (byte)'.')
        {
            i++;
            if (!SkipDigits(p, ref i)) { pos = i; return i >= p.Length ? DecodeStatus.Truncated : DecodeStatus.InvalidJson; }
        }
        if (i < p.Length && (p[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < p.Length && (p[i] == (byte)'+' || p[i] == (byte)'-')) i++;
            if (!SkipDigits(p, ref i)) { pos = i; return i >= p.Length ? DecodeStatus.Truncated : DecodeStatus.InvalidJson; }
        }
        pos = i;
        return DecodeStatus.Ok;
    }

    private static bool SkipDigits(ReadOnlySpan<byte> p, ref int i)
    {
        int start = i;
        while (i < p.Length && (uint)(p[i] - '0') <= 9) i++;
        return i > start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DecodeStatus ReadLiteral(ReadOnlySpan<byte> p, ref int pos, ReadOnlySpan<byte> literal)
    {
        ReadOnlySpan<byte> rest = p[pos..];
        if (rest.StartsWith(literal))
        {
            pos += literal.Length;
            return DecodeStatus.Ok;
        }
        // A prefix of the literal at the very end is a torn message, anything else is garbage.
        return literal.StartsWith(rest) ? DecodeStatus.Truncated : DecodeStatus.InvalidJson;
    }

    /// <summary>Skips any value, validating it. <paramref name="depth"/> counts the containers already open.</summary>
    public static DecodeStatus SkipValue(ReadOnlySpan<byte> p, ref int pos, int depth)
    {
        if (pos >= p.Length) return DecodeStatus.Truncated;
        switch (p[pos])
        {
            case (byte)'"': return ReadString(p, ref pos, out _);
            case (byte)'{': return SkipContainer(p, ref pos, depth, (byte)'}');
            case (byte)'[': return SkipContainer(p, ref pos, depth, (byte)']');
            case (byte)'t': return ReadLiteral(p, ref pos, "true"u8);
            case (byte)'f': return ReadLiteral(p, ref pos, "false"u8);
            case (byte)'n': return ReadLiteral(p, ref pos, "null"u8);
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                return ScanNumber(p, ref pos);
            default: return DecodeStatus.InvalidJson;
        }
    }

    private static DecodeStatus SkipContainer(ReadOnlySpan<byte> p, ref int pos, int depth, byte close)
    {
        if (depth >= MaxDepth) return DecodeStatus.TooDeep;
        bool isObject = close == (byte)'}';
        pos = SkipWhitespace(p, pos + 1);
        if (pos >= p.Length) return DecodeStatus.Truncated;
        if (p[pos] == close) { pos++; return DecodeStatus.Ok; }
        while (true)
        {
            DecodeStatus status;
            if (isObject)
            {
                if (p[pos] != (byte)'"') return DecodeStatus.InvalidJson;
                status = ReadString(p, ref pos, out _);
                if (status != DecodeStatus.Ok) return status;
                pos = SkipWhitespace(p, pos);
                if (pos >= p.Length) return DecodeStatus.Truncated;
                if (p[pos] != (byte)':') return DecodeStatus.InvalidJson;
                pos = SkipWhitespace(p, pos + 1);
            }
            status = SkipValue(p, ref pos, depth + 1);
            if (status != DecodeStatus.Ok) return status;
            pos = SkipWhitespace(p, pos);
            if (pos >= p.Length) return DecodeStatus.Truncated;
            byte c = p[pos];
            if (c == close) { pos++; return DecodeStatus.Ok; }
            if (c != (byte)',') return DecodeStatus.InvalidJson;
            pos = SkipWhitespace(p, pos + 1);
            if (pos >= p.Length) return DecodeStatus.Truncated;
        }
    }
}
