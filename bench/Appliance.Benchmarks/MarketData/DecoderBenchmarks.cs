using System.Text;
using System.Text.Json;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.MarketData;

/// <summary>
/// One Binance message decoded per operation, per message type. Goals: trade and bookTicker ≤ 150 ns
/// frames+decode (so well under that for the decode alone), ≥ 10x the System.Text.Json source-generated
/// baseline, 0 B. The hand-written scanner is the production decoder; the Utf8JsonReader decoder (same
/// event writer, different tokenizer) and a bare Utf8JsonReader walk show where the time goes.
/// </summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private static readonly Dictionary<string, string> Messages = new()
    {
        ["trade"] = """{"e":"trade","E":1672515782136,"s":"BTCUSDT","t":3412345678,"p":"16578.12000000","q":"0.00120000","T":1672515782135,"m":true,"M":true}""",
        ["aggTrade"] = """{"e":"aggTrade","E":1672515782136,"s":"BTCUSDT","a":2412345678,"p":"16578.12000000","q":"0.00120000","f":3412345670,"l":3412345678,"T":1672515782135,"m":false,"M":true}""",
        ["bookTicker"] = """{"u":400900217,"s":"BTCUSDT","b":"16578.12000000","B":"3.12100000","a":"16578.13000000","A":"0.40660000"}""",
        ["depthUpdate"] = """{"e":"depthUpdate","E":1672515782136,"s":"BTCUSDT","U":157000,"u":157009,"b":[["16578.12000000","3.12100000"],["16578.11000000","0.00000000"],["16577.50000000","1.50000000"],["16570.00000000","12.00000000"],["16560.01000000","0.01000000"]],"a":[["16578.13000000","0.40660000"],["16578.20000000","0.00000000"],["16579.00000000","7.77700000"],["16590.00000000","2.00000000"],["16600.00000000","0.10000000"]]}""",
    };

    private byte[] _payload = [];
    private BinanceDecoder _hand = null!;
    private BinanceJsonReaderDecoder _reader = null!;
    private MarketEventBuffer _buffer;
    private readonly DecodeContext _context = new(1, 1);

    [Params("trade", "aggTrade", "bookTicker", "depthUpdate")]
    public string Message { get; set; } = "trade";

    [GlobalSetup]
    public void Setup()
    {
        _payload = Encoding.UTF8.GetBytes(Messages[Message]);
        var table = new InstrumentTable([new Instrument("BTC-USDT", "BTCUSDT", priceScale: 2, quantityScale: 8)]);
        _hand = new BinanceDecoder(table);
        _reader = new BinanceJsonReaderDecoder(table);
        _buffer = new MarketEventBuffer(16);
        if (!HandScanner().IsOk || !JsonReaderDecoder().IsOk || SystemTextJson_SourceGenerated_DecimalPrices() is null)
            throw new InvalidOperationException($"{Message} does not decode");
    }

    [Benchmark(Baseline = true)]
    public object? SystemTextJson_SourceGenerated() => Message switch
    {
        "trade" => JsonSerializer.Deserialize(_payload, BinanceJsonContext.Default.TradeDto),
        "aggTrade" => JsonSerializer.Deserialize(_payload, BinanceJsonContext.Default.AggTradeDto),
        "bookTicker" => JsonSerializer.Deserialize(_payload, BinanceJsonContext.Default.BookTickerDto),
        _ => JsonSerializer.Deserialize(_payload, BinanceJsonContext.Default.DepthUpdateDto),
    };

    /// <summary>Prices and quantities read as <c>decimal</c>: the same output as ours (numbers), like for like. The baseline leaves them as strings.</summary>
    [Benchmark]
    public object? SystemTextJson_SourceGenerated_DecimalPrices() => Message switch
    {
        "trade" => JsonSerializer.Deserialize(_payload, BinanceDecimalJsonContext.Default.TradeDecimalDto),
        "aggTrade" => JsonSerializer.Deserialize(_payload, BinanceDecimalJsonContext.Default.AggTradeDecimalDto),
        "bookTicker" => JsonSerializer.Deserialize(_payload, BinanceDecimalJsonContext.Default.BookTickerDecimalDto),
        _ => JsonSerializer.Deserialize(_payload, BinanceDecimalJsonContext.Default.DepthUpdateDecimalDto),
    };

    /// <summary>Only tokenizing: the floor for any Utf8JsonReader-based decoder.</summary>
    [Benchmark]
    public int Utf8JsonReader_Walk()
    {
        var reader = new Utf8JsonReader(_payload);
        int n = 0;
        while (reader.Read()) n += reader.ValueSpan.Length;
        return n;
    }

    [Benchmark]
    public DecodeResult JsonReaderDecoder()
    {
        _buffer.Clear();
        return _reader.Decode(_payload, _context, ref _buffer);
    }

    [Benchmark]
    public DecodeResult HandScanner()
    {
        _buffer.Clear();
        return _hand.Decode(_payload, _context, ref _buffer);
    }
}
