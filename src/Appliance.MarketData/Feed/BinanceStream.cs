namespace Appliance.MarketData.Feed;

/// <summary>A parsed Binance stream name ("btcusdt@depth@100ms"): the symbol part and what the stream carries.</summary>
public readonly record struct BinanceStream(string Symbol, BinanceStreamKind Kind)
{
    /// <summary>Parses a stream name; false (with the reason) for names this feed does not handle.</summary>
    public static bool TryParse(string? name, out BinanceStream stream, out string error)
    {
        stream = default;
        if (string.IsNullOrEmpty(name)) { error = "empty stream name"; return false; }
        int at = name.IndexOf('@');
        if (at <= 0) { error = $"'{name}' is not 'symbol@stream'"; return false; }
        string symbol = name[..at];
        string rest = name[(at + 1)..];
        BinanceStreamKind kind = rest switch
        {
            "trade" => BinanceStreamKind.Trade,
            "aggTrade" => BinanceStreamKind.AggTrade,
            "bookTicker" => BinanceStreamKind.BookTicker,
            "depth" or "depth@100ms" or "depth@1000ms" => BinanceStreamKind.DepthDiff,
            "depth5" or "depth10" or "depth20" or "depth5@100ms" or "depth10@100ms" or "depth20@100ms"
                or "depth5@1000ms" or "depth10@1000ms" or "depth20@1000ms" => BinanceStreamKind.PartialDepth,
            _ => BinanceStreamKind.Unknown,
        };
        if (kind == BinanceStreamKind.Unknown)
        {
            error = $"'{name}': stream '{rest}' is not one of trade, aggTrade, bookTicker, depth[@100ms|@1000ms], depth5|10|20[@100ms|@1000ms]";
            return false;
        }
        stream = new BinanceStream(symbol, kind);
        error = "";
        return true;
    }
}
