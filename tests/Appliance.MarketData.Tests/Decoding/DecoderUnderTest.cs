using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Decoding;

public enum DecoderKind
{
    /// <summary>The production decoder: fast path, then the general scan.</summary>
    HandScanner,
    /// <summary>The production decoder's general scan alone (no fast path).</summary>
    HandScannerGeneralPath,
    Utf8JsonReader,
}

/// <summary>Runs a decoder over a message into a fresh buffer so every test checks each of them.</summary>
internal sealed class DecoderUnderTest
{
    public const long ReceiveTimestamp = 123_456_789;
    public const ushort ConnectionId = 7;

    private readonly BinanceDecoder _hand;
    private readonly BinanceJsonReaderDecoder _reader;
    private readonly DecoderKind _kind;

    public DecoderUnderTest(DecoderKind kind, BinanceTimeUnit unit = BinanceTimeUnit.Milliseconds)
    {
        var table = TestInstruments.Create();
        _hand = new BinanceDecoder(table, unit);
        _reader = new BinanceJsonReaderDecoder(table, unit);
        _kind = kind;
    }

    public MarketEventBuffer Buffer = new(64);

    public DecodeResult Decode(string json, int defaultInstrument = -1) => Decode(Encoding.UTF8.GetBytes(json), defaultInstrument);

    public DecodeResult Decode(byte[] payload, int defaultInstrument = -1)
    {
        Buffer.Clear();
        var context = new DecodeContext(ReceiveTimestamp, ConnectionId, defaultInstrument);
        return _kind switch
        {
            DecoderKind.HandScanner => _hand.Decode(payload, context, ref Buffer),
            DecoderKind.HandScannerGeneralPath => _hand.DecodeGeneral(payload, context, ref Buffer),
            _ => _reader.Decode(payload, context, ref Buffer),
        };
    }

    public ref MarketEvent this[int index] => ref Buffer[index];
}
