using System.Runtime.CompilerServices;
using System.Text;
using Appliance.Primitives.FixedPoint;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// String contents located by a scanner, turned into values: decimals at a scale, unescaped bytes.
/// Escapes inside a price or a symbol are legal JSON that Binance never sends, so they take a slow path
/// through a stack buffer rather than costing the fast path a branch per byte.
/// </summary>
internal static class JsonText
{
    /// <summary>Longest escaped decimal or symbol we unescape; longer is not a price or a symbol.</summary>
    public const int MaxUnescaped = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DecodeStatus ParseDecimal(ReadOnlySpan<byte> payload, TextSpan text, int scale, out long units, out int errorOffset)
    {
        if (!text.Escaped)
        {
            FixedParseStatus status = FixedDecimal.TryParse(text.Of(payload), scale, out units, out int at);
            errorOffset = text.Start + at;
            return status == FixedParseStatus.Ok && units >= 0 ? DecodeStatus.Ok : DecodeStatus.InvalidDecimal;
        }
        return ParseEscapedDecimal(payload, text, scale, out units, out errorOffset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecodeStatus ParseEscapedDecimal(ReadOnlySpan<byte> payload, TextSpan text, int scale, out long units, out int errorOffset)
    {
        Span<byte> buffer = stackalloc byte[MaxUnescaped];
        errorOffset = text.Start;
        units = 0;
        if (!TryUnescape(text.Of(payload), buffer, out int n)) return DecodeStatus.InvalidDecimal;
        FixedParseStatus status = FixedDecimal.TryParse(buffer[..n], scale, out units);
        return status == FixedParseStatus.Ok && units >= 0 ? DecodeStatus.Ok : DecodeStatus.InvalidDecimal;
    }

    /// <summary>
    /// Decodes the content of a JSON string (no quotes) into UTF-8. False on an invalid escape, a lone
    /// surrogate, or when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        int w = 0;
        for (int i = 0; i < source.Length; i++)
        {
            byte c = source[i];
            if (c != (byte)'\\')
            {
                if (w == destination.Length) return false;
                destination[w++] = c;
                continue;
            }
            if (++i == source.Length) return false;
            byte decoded;
            switch (source[i])
            {
                case (byte)'"': decoded = (byte)'"'; break;
                case (byte)'\\': decoded = (byte)'\\'; break;
                case (byte)'/': decoded = (byte)'/'; break;
                case (byte)'b': decoded = (byte)'\b'; break;
                case (byte)'f': decoded = (byte)'\f'; break;
                case (byte)'n': decoded = (byte)'\n'; break;
                case (byte)'r': decoded = (byte)'\r'; break;
                case (byte)'t': decoded = (byte)'\t'; break;
                case (byte)'u':
                    if (!TryReadHex4(source, i + 1, out int code)) return false;
                    i += 4;
                    if (char.IsHighSurrogate((char)code))
                    {
                        if (i + 6 >= source.Length || source[i + 1] != (byte)'\\' || source[i + 2] != (byte)'u'
                            || !TryReadHex4(source, i + 3, out int low) || !char.IsLowSurrogate((char)low))
                            return false;
                        i += 6;
                        code = char.ConvertToUtf32((char)code, (char)low);
                    }
                    else if (char.IsLowSurrogate((char)code))
                    {
                        return false;
                    }
                    if (!new Rune(code).TryEncodeToUtf8(destination[w..], out int n)) return false;
                    w += n;
                    continue;
                default:
                    return false;
            }
            if (w == destination.Length) return false;
            destination[w++] = decoded;
        }
        written = w;
        return true;
    }

    private static bool TryReadHex4(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 4 > s.Length) return false;
        for (int k = 0; k < 4; k++)
        {
            int h = HexValue(s[at + k]);
            if (h < 0) return false;
            value = (value << 4) | h;
        }
        return true;
    }

    public static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
