using System.Text;

namespace Appliance.MarketData.Tests.Feed;

/// <summary>Binance-format payloads for feed tests (BTCUSDT: price scale 2, quantity scale 8 in TestInstruments).</summary>
internal static class Msg
{
    public static byte[] Trade(long id, string symbol = "BTCUSDT", string price = "100.00") =>
        Encoding.UTF8.GetBytes($$"""{"e":"trade","E":1700000000000,"s":"{{symbol}}","t":{{id}},"p":"{{price}}","q":"0.5","T":1700000000000,"m":true,"M":true}""");

    public static byte[] AggTrade(long id, string symbol = "BTCUSDT") =>
        Encoding.UTF8.GetBytes($$"""{"e":"aggTrade","E":1,"s":"{{symbol}}","a":{{id}},"p":"100.00","q":"1","f":{{id * 10}},"l":{{id * 10 + 2}},"T":1,"m":false,"M":true}""");

    public static byte[] BookTicker(long u, string symbol = "BTCUSDT") =>
        Encoding.UTF8.GetBytes($$"""{"u":{{u}},"s":"{{symbol}}","b":"99.00","B":"1","a":"101.00","A":"2"}""");

    /// <summary>A depthUpdate with levels given as (price, qty) for bids and asks.</summary>
    public static byte[] Depth(long first, long last, (string P, string Q)[]? bids = null, (string P, string Q)[]? asks = null, string symbol = "BTCUSDT")
    {
        bids ??= [("100.00", "1")];
        asks ??= [("101.00", "1")];
        return Encoding.UTF8.GetBytes($$"""{"e":"depthUpdate","E":1,"s":"{{symbol}}","U":{{first}},"u":{{last}},"b":[{{Levels(bids)}}],"a":[{{Levels(asks)}}]}""");
    }

    public static byte[] Snapshot(long lastUpdateId, (string P, string Q)[] bids, (string P, string Q)[] asks) =>
        Encoding.UTF8.GetBytes($$"""{"lastUpdateId":{{lastUpdateId}},"bids":[{{Levels(bids)}}],"asks":[{{Levels(asks)}}]}""");

    public static byte[] Subscribed(int id) => Encoding.UTF8.GetBytes($$"""{"result":null,"id":{{id}}}""");

    private static string Levels((string P, string Q)[] levels) => string.Join(",", levels.Select(l => $"[\"{l.P}\",\"{l.Q}\"]"));
}
