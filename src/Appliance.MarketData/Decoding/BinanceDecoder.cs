using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// The production decoder for Binance spot public streams. First <see cref="BinanceFastPath"/>: trade,
/// aggTrade and bookTicker in the venue's exact byte layout (raw or in the combined-stream wrapper),
/// matched literal by literal. Anything it does not take, it leaves untouched (nothing claimed) for the
/// general path: a hand-written forward-only scan over the UTF-8 payload (raw stream payloads in any field
/// order, the combined-stream wrapper, request answers) into <see cref="BinanceFields"/>, then the shared
/// <see cref="BinanceEventWriter"/>. The two paths give identical results and events for whatever the
/// fast path accepts; errors always come from the general path. The scan was measured against
/// <c>Utf8JsonReader</c> in DecoderBenchmarks and kept because it is faster while equally strict.
/// Never throws, never allocates; one instance per feed thread (it holds no per-message state, but the
/// table it reads is shared and immutable).
/// </summary>
public sealed class BinanceDecoder
{
    private readonly InstrumentTable _instruments;
    private readonly long _nanosPerTimeUnit;

    public BinanceDecoder(InstrumentTable instruments, BinanceTimeUnit timeUnit = BinanceTimeUnit.Milliseconds)
    {
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _nanosPerTimeUnit = timeUnit == BinanceTimeUnit.Microseconds ? 1_000 : 1_000_000;
    }

    public InstrumentTable Instruments => _instruments;

    /// <summary>Decodes one WebSocket message payload into events claimed from <paramref name="sink"/>.</summary>
    public DecodeResult Decode<TSink>(ReadOnlySpan<byte> payload, in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        BinanceMessageType fast = DecodeFast(payload, context, ref sink);
        if (fast != BinanceMessageType.Unknown) return new DecodeResult(DecodeStatus.Ok, fast, 1, 0);
        return DecodeGeneral(payload, context, ref sink);
    }

    /// <summary>The fast path alone: the message type it decoded (one event), or <see cref="BinanceMessageType.Unknown"/> having claimed nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal BinanceMessageType DecodeFast<TSink>(ReadOnlySpan<byte> payload, in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink =>
        BinanceFastPath.TryDecode(payload, _instruments, _nanosPerTimeUnit, context, ref sink);

    /// <summary>The general scan alone, without trying <see cref="BinanceFastPath"/> first: what every message the fast path does not take goes through (and what the tests compare it against).</summary>
    internal DecodeResult DecodeGeneral<TSink>(ReadOnlySpan<byte> payload, in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        var fields = default(BinanceFields);
        int pos = JsonScan.SkipWhitespace(payload, 0);
        if (pos >= payload.Length) return DecodeResult.Fail(DecodeStatus.Empty, pos);
        if (payload[pos] != (byte)'{') return DecodeResult.Fail(DecodeStatus.NotAnObject, pos);

        DecodeStatus status = ScanObject(payload, ref pos, ref fields, topLevel: true);
        if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, pos);
        pos = JsonScan.SkipWhitespace(payload, pos);
        if (pos != payload.Length) return DecodeResult.Fail(DecodeStatus.InvalidJson, pos);

        return BinanceEventWriter.Write<HandLevelReader, TSink>(payload, ref fields, _instruments, _nanosPerTimeUnit, context, ref sink);
    }

    // At '{'. The combined-stream wrapper's "data" object is scanned into the same fields: the wrapper's
    // keys ("stream", "data") and the payload's keys do not overlap.
    private static DecodeStatus ScanObject(ReadOnlySpan<byte> p, ref int pos, ref BinanceFields f, bool topLevel)
    {
        f.ObjectStart = pos;
        pos = JsonScan.SkipWhitespace(p, pos + 1);
        if (pos >= p.Length) return DecodeStatus.Truncated;
        if (p[pos] == (byte)'}') { pos++; return DecodeStatus.Ok; }

        while (true)
        {
            if (p[pos] != (byte)'"') return DecodeStatus.InvalidJson;
            DecodeStatus status = JsonScan.ReadString(p, ref pos, out TextSpan keyText);
            if (status != DecodeStatus.Ok) return status;
            BinanceKey key = keyText.Escaped ? IdentifyEscaped(p, keyText) : BinanceKeys.Identify(keyText.Of(p));

            pos = JsonScan.SkipWhitespace(p, pos);
            if (pos >= p.Length) return DecodeStatus.Truncated;
            if (p[pos] != (byte)':') return DecodeStatus.InvalidJson;
            pos = JsonScan.SkipWhitespace(p, pos + 1);
            if (pos >= p.Length) return DecodeStatus.Truncated;

            status = ScanValue(p, ref pos, ref f, key, topLevel);
            if (status != DecodeStatus.Ok) return status;

            pos = JsonScan.SkipWhitespace(p, pos);
            if (pos >= p.Length) return DecodeStatus.Truncated;
            byte c = p[pos];
            if (c == (byte)',')
            {
                pos = JsonScan.SkipWhitespace(p, pos + 1);
                if (pos >= p.Length) return DecodeStatus.Truncated;
                continue;
            }
            if (c == (byte)'}') { pos++; return DecodeStatus.Ok; }
            return DecodeStatus.InvalidJson;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeStatus ScanValue(ReadOnlySpan<byte> p, ref int pos, ref BinanceFields f, BinanceKey key, bool topLevel)
    {
        DecodeStatus status;
        int start = pos;
        switch (p[pos])
        {
            case (byte)'"':
                status = JsonScan.ReadString(p, ref pos, out TextSpan text);
                if (status == DecodeStatus.Ok) BinanceKeys.SetString(ref f, key, text);
                return status;
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                if (BinanceKeys.WantsInteger(key))
                {
                    status = JsonScan.ReadInteger(p, ref pos, out long value);
                    if (status == DecodeStatus.Ok) BinanceKeys.SetInteger(ref f, key, value);
                    return status;
                }
                status = JsonScan.ScanNumber(p, ref pos);
                if (status == DecodeStatus.Ok) BinanceKeys.SetNumberText(ref f, key, new TextSpan(start, pos - start, false));
                return status;
            case (byte)'t':
                status = JsonScan.ReadLiteral(p, ref pos, "true"u8);
                if (status == DecodeStatus.Ok) BinanceKeys.SetBoolean(ref f, key, true);
                return status;
            case (byte)'f':
                status = JsonScan.ReadLiteral(p, ref pos, "false"u8);
                if (status == DecodeStatus.Ok) BinanceKeys.SetBoolean(ref f, key, false);
                return status;
            case (byte)'n':
                status = JsonScan.ReadLiteral(p, ref pos, "null"u8);
                if (status == DecodeStatus.Ok) BinanceKeys.SetNull(ref f, key);
                return status;
            case (byte)'[':
                status = JsonScan.SkipValue(p, ref pos, 1);
                if (status == DecodeStatus.Ok) BinanceKeys.SetArray(ref f, key, new TextSpan(start, pos - start, false));
                return status;
            case (byte)'{':
                if (topLevel && key == BinanceKey.Data)
                {
                    f.Seen |= BinanceField.Data;
                    return ScanObject(p, ref pos, ref f, topLevel: false);
                }
                status = JsonScan.SkipValue(p, ref pos, 1);
                if (status == DecodeStatus.Ok && key == BinanceKey.Result) f.Seen |= BinanceField.Result;
                return status;
            default:
                return DecodeStatus.InvalidJson;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BinanceKey IdentifyEscaped(ReadOnlySpan<byte> p, TextSpan key)
    {
        Span<byte> buffer = stackalloc byte[16];
        return JsonText.TryUnescape(key.Of(p), buffer, out int n) ? BinanceKeys.Identify(buffer[..n]) : BinanceKey.Unknown;
    }

    /// <summary>Level arrays were validated as JSON by the scan; this checks their shape and reads the pairs.</summary>
    private struct HandLevelReader : ILevelReader
    {
        public static DecodeStatus Read<TSink>(ReadOnlySpan<byte> p, TextSpan array, ref DepthWriter<TSink> writer, out int errorOffset)
            where TSink : struct, IMarketEventSink
        {
            int pos = JsonScan.SkipWhitespace(p, array.Start + 1);
            errorOffset = pos;
            if (p[pos] == (byte)']') return DecodeStatus.Ok;
            while (true)
            {
                errorOffset = pos;
                if (p[pos] != (byte)'[') return DecodeStatus.InvalidLevel;
                pos = JsonScan.SkipWhitespace(p, pos + 1);
                if (!ReadDecimalText(p, ref pos, out TextSpan price)) { errorOffset = pos; return DecodeStatus.InvalidLevel; }
                pos = JsonScan.SkipWhitespace(p, pos);
                if (p[pos] != (byte)',') { errorOffset = pos; return DecodeStatus.InvalidLevel; }
                pos = JsonScan.SkipWhitespace(p, pos + 1);
                if (!ReadDecimalText(p, ref pos, out TextSpan quantity)) { errorOffset = pos; return DecodeStatus.InvalidLevel; }
                pos = JsonScan.SkipWhitespace(p, pos);
                // Extra elements after the pair (old formats carried an empty array) are skipped.
                while (p[pos] == (byte)',')
                {
                    pos = JsonScan.SkipWhitespace(p, pos + 1);
                    JsonScan.SkipValue(p, ref pos, 2);
                    pos = JsonScan.SkipWhitespace(p, pos);
                }
                pos++; // ']'

                DecodeStatus status = writer.Add(p, price, quantity, out errorOffset);
                if (status != DecodeStatus.Ok) return status;

                pos = JsonScan.SkipWhitespace(p, pos);
                if (p[pos] == (byte)']') return DecodeStatus.Ok;
                pos = JsonScan.SkipWhitespace(p, pos + 1); // ','
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool ReadDecimalText(ReadOnlySpan<byte> p, ref int pos, out TextSpan text)
        {
            int start = pos;
            if (p[pos] == (byte)'"') return JsonScan.ReadString(p, ref pos, out text) == DecodeStatus.Ok;
            if (p[pos] == (byte)'-' || (uint)(p[pos] - '0') <= 9)
            {
                bool ok = JsonScan.ScanNumber(p, ref pos) == DecodeStatus.Ok;
                text = new TextSpan(start, pos - start, false);
                return ok;
            }
            text = default;
            return false;
        }
    }
}
