using System.Text.Json.Serialization;

namespace Appliance.Benchmarks.MarketData;

// What a .NET user would write: classes per message, System.Text.Json source-generated (no reflection).

public sealed class TradeDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("t")] public long TradeId { get; set; }
    [JsonPropertyName("p")] public string? Price { get; set; }
    [JsonPropertyName("q")] public string? Quantity { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; set; }
    [JsonPropertyName("M")] public bool Ignore { get; set; }
}

public sealed class AggTradeDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("a")] public long AggTradeId { get; set; }
    [JsonPropertyName("p")] public string? Price { get; set; }
    [JsonPropertyName("q")] public string? Quantity { get; set; }
    [JsonPropertyName("f")] public long FirstTradeId { get; set; }
    [JsonPropertyName("l")] public long LastTradeId { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; set; }
    [JsonPropertyName("M")] public bool Ignore { get; set; }
}

public sealed class BookTickerDto
{
    [JsonPropertyName("u")] public long UpdateId { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("b")] public string? BidPrice { get; set; }
    [JsonPropertyName("B")] public string? BidQuantity { get; set; }
    [JsonPropertyName("a")] public string? AskPrice { get; set; }
    [JsonPropertyName("A")] public string? AskQuantity { get; set; }
}

public sealed class DepthUpdateDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("U")] public long FirstUpdateId { get; set; }
    [JsonPropertyName("u")] public long LastUpdateId { get; set; }
    [JsonPropertyName("b")] public List<List<string>>? Bids { get; set; }
    [JsonPropertyName("a")] public List<List<string>>? Asks { get; set; }
}

// The same classes with the prices and quantities as numbers, as a trading consumer needs them (and as our
// decoder delivers them: fixed-point at the instrument's scales). Binance sends them as JSON strings, so
// they are read with AllowReadingFromString (set for their whole context) into decimal, the BCL's exact
// decimal type.

public sealed class TradeDecimalDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("t")] public long TradeId { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("q")] public decimal Quantity { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; set; }
    [JsonPropertyName("M")] public bool Ignore { get; set; }
}

public sealed class AggTradeDecimalDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("a")] public long AggTradeId { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("q")] public decimal Quantity { get; set; }
    [JsonPropertyName("f")] public long FirstTradeId { get; set; }
    [JsonPropertyName("l")] public long LastTradeId { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; set; }
    [JsonPropertyName("M")] public bool Ignore { get; set; }
}

public sealed class BookTickerDecimalDto
{
    [JsonPropertyName("u")] public long UpdateId { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("b")] public decimal BidPrice { get; set; }
    [JsonPropertyName("B")] public decimal BidQuantity { get; set; }
    [JsonPropertyName("a")] public decimal AskPrice { get; set; }
    [JsonPropertyName("A")] public decimal AskQuantity { get; set; }
}

public sealed class DepthUpdateDecimalDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("U")] public long FirstUpdateId { get; set; }
    [JsonPropertyName("u")] public long LastUpdateId { get; set; }
    [JsonPropertyName("b")] public List<List<decimal>>? Bids { get; set; }
    [JsonPropertyName("a")] public List<List<decimal>>? Asks { get; set; }
}

[JsonSerializable(typeof(TradeDto))]
[JsonSerializable(typeof(AggTradeDto))]
[JsonSerializable(typeof(BookTickerDto))]
[JsonSerializable(typeof(DepthUpdateDto))]
public sealed partial class BinanceJsonContext : JsonSerializerContext;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TradeDecimalDto))]
[JsonSerializable(typeof(AggTradeDecimalDto))]
[JsonSerializable(typeof(BookTickerDecimalDto))]
[JsonSerializable(typeof(DepthUpdateDecimalDto))]
public sealed partial class BinanceDecimalJsonContext : JsonSerializerContext;
