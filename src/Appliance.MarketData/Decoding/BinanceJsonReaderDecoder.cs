using System.Runtime.CompilerServices;
using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// The same decoder as <see cref="BinanceDecoder"/> with <see cref="Utf8JsonReader"/> as the tokenizer.
/// Not used on the feed path (DecoderBenchmarks measure it slower); kept as the independent oracle the
/// tests cross-check the hand-written scanner against, and as the peer in the benchmark.
/// Utf8JsonReader reports bad JSON by throwing; that is caught here and turned into a status, so this
/// decoder allocates on malformed input (the exception) but never lets one escape.
/// </summary>
internal sealed class BinanceJsonReaderDecoder
{
    private readonly InstrumentTable _instruments;
    private readonly long _nanosPerTimeUnit;

    public BinanceJsonReaderDecoder(InstrumentTable instruments, BinanceTimeUnit timeUnit = BinanceTimeUnit.Milliseconds)
    {
        _instruments = instruments;
        _nanosPerTimeUnit = timeUnit == BinanceTimeUnit.Microseconds ? 1_000 : 1_000_000;
    }

    public DecodeResult Decode<TSink>(ReadOnlySpan<byte> payload, in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        var fields = default(BinanceFields);
        if (payload.IndexOfAnyExcept(" \t\r\n"u8) < 0) return DecodeResult.Fail(DecodeStatus.Empty, payload.Length);
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = JsonScan.MaxDepth });
        try
        {
            if (!reader.Read()) return DecodeResult.Fail(DecodeStatus.Empty, (int)reader.BytesConsumed);
            if (reader.TokenType != JsonTokenType.StartObject) return DecodeResult.Fail(DecodeStatus.NotAnObject, (int)reader.TokenStartIndex);
            DecodeStatus status = ScanObject(ref reader, ref fields, topLevel: true);
            if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, (int)reader.TokenStartIndex);
            if (reader.Read()) return DecodeResult.Fail(DecodeStatus.InvalidJson, (int)reader.TokenStartIndex);
        }
        catch (JsonException e)
        {
            return DecodeResult.Fail(Classify(e, payload, reader), (int)reader.BytesConsumed);
        }

        return BinanceEventWriter.Write<ReaderLevelReader, TSink>(payload, ref fields, _instruments, _nanosPerTimeUnit, context, ref sink);
    }

    private static DecodeStatus Classify(JsonException e, ReadOnlySpan<byte> payload, in Utf8JsonReader reader)
    {
        if (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)) return DecodeStatus.TooDeep;
        // The reader fails at the end of a torn payload with "expected end" / "incomplete" messages.
        return reader.BytesConsumed >= payload.Length || e.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
            ? DecodeStatus.Truncated
            : DecodeStatus.InvalidJson;
    }

    // At StartObject; returns with the reader on the matching EndObject.
    private static DecodeStatus ScanObject(ref Utf8JsonReader reader, ref BinanceFields f, bool topLevel)
    {
        f.ObjectStart = (int)reader.TokenStartIndex;
        while (true)
        {
            if (!reader.Read()) return DecodeStatus.Truncated;
            if (reader.TokenType == JsonTokenType.EndObject) return DecodeStatus.Ok;

            BinanceKey key = reader.ValueIsEscaped ? IdentifyEscaped(ref reader) : BinanceKeys.Identify(reader.ValueSpan);
            if (!reader.Read()) return DecodeStatus.Truncated;
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    BinanceKeys.SetString(ref f, key, new TextSpan(start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped));
                    break;
                case JsonTokenType.Number:
                    if (BinanceKeys.WantsInteger(key))
                    {
                        if (!reader.TryGetInt64(out long value)) return DecodeStatus.InvalidNumber;
                        BinanceKeys.SetInteger(ref f, key, value);
                    }
                    else
                    {
                        BinanceKeys.SetNumberText(ref f, key, new TextSpan(start, reader.ValueSpan.Length, false));
                    }
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    BinanceKeys.SetBoolean(ref f, key, reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.Null:
                    BinanceKeys.SetNull(ref f, key);
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    BinanceKeys.SetArray(ref f, key, new TextSpan(start, (int)reader.BytesConsumed - start, false));
                    break;
                case JsonTokenType.StartObject:
                    if (topLevel && key == BinanceKey.Data)
                    {
                        f.Seen |= BinanceField.Data;
                        DecodeStatus status = ScanObject(ref reader, ref f, topLevel: false);
                        if (status != DecodeStatus.Ok) return status;
                    }
                    else
                    {
                        reader.Skip();
                        if (key == BinanceKey.Result) f.Seen |= BinanceField.Result;
                    }
                    break;
                default:
                    return DecodeStatus.InvalidJson;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BinanceKey IdentifyEscaped(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 96) return BinanceKey.Unknown;
        Span<byte> buffer = stackalloc byte[96];
        int n = reader.CopyString(buffer);
        return BinanceKeys.Identify(buffer[..n]);
    }

    private struct ReaderLevelReader : ILevelReader
    {
        public static DecodeStatus Read<TSink>(ReadOnlySpan<byte> payload, TextSpan array, ref DepthWriter<TSink> writer, out int errorOffset)
            where TSink : struct, IMarketEventSink
        {
            var reader = new Utf8JsonReader(array.Of(payload));
            reader.Read(); // StartArray
            while (true)
            {
                reader.Read();
                errorOffset = array.Start + (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.EndArray) return DecodeStatus.Ok;
                if (reader.TokenType != JsonTokenType.StartArray) return DecodeStatus.InvalidLevel;

                reader.Read();
                if (!TryText(ref reader, array.Start, out TextSpan price)) { errorOffset = array.Start + (int)reader.TokenStartIndex; return DecodeStatus.InvalidLevel; }
                reader.Read();
                if (!TryText(ref reader, array.Start, out TextSpan quantity)) { errorOffset = array.Start + (int)reader.TokenStartIndex; return DecodeStatus.InvalidLevel; }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();

                DecodeStatus status = writer.Add(payload, price, quantity, out errorOffset);
                if (status != DecodeStatus.Ok) return status;
            }
        }

        private static bool TryText(ref Utf8JsonReader reader, int baseOffset, out TextSpan text)
        {
            int start = baseOffset + (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    text = new TextSpan(start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    return true;
                case JsonTokenType.Number:
                    text = new TextSpan(start, reader.ValueSpan.Length, false);
                    return true;
                default:
                    text = default;
                    return false;
            }
        }
    }
}
