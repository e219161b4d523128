using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Decoding;

public enum DecoderKind
{
    HandScanner,
    Utf8JsonReader,
}

/// <summary>Runs either decoder over a message into a fresh buffer so every test checks both.</summary>
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
        return _kind == DecoderKind.HandScanner
            ? _hand.Decode(payload, context, ref Buffer)
            : _reader.Decode(payload, context, ref Buffer);
    }

    public ref MarketEvent this[int index] => ref Buffer[index];
}
