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

[JsonSerializable(typeof(TradeDto))]
[JsonSerializable(typeof(AggTradeDto))]
[JsonSerializable(typeof(BookTickerDto))]
[JsonSerializable(typeof(DepthUpdateDto))]
public sealed partial class BinanceJsonContext : JsonSerializerContext;
