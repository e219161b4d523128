namespace Appliance.MarketData.Tests.Decoding;

/// <summary>Well-formed messages of every supported type, for cross-checks, truncation and corruption tests.</summary>
internal static class DecoderCorpus
{
    public static readonly string[] Valid =
    [
        """{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.00100000","q":"100.00000000","T":1672515782135,"m":true,"M":true}""",
        """{"e":"aggTrade","E":1672515782136,"s":"BTCUSDT","a":12345,"p":"23000.01","q":"0.5","f":100,"l":105,"T":1672515782136,"m":false,"M":true}""",
        """{"u":400900217,"s":"BTCUSDT","b":"25350.10000000","B":"31.21000000","a":"25350.20000000","A":"40.66000000"}""",
        """{"e":"trade","E":1672515782136,"s":"ETHUSDT","t":77,"p":"1578.12000000","q":"0.50000000","b":88,"a":50,"T":1672515782136,"m":false,"M":true}""",
        """{"stream":"btcusdt@bookTicker","data":{"u":400900218,"s":"BTCUSDT","b":"25350.10","B":"1","a":"25350.20","A":"2"}}""",
        """{"e":"depthUpdate","E":1672515782136,"s":"ETHUSDT","U":157,"u":160,"b":[["1000.00","1.5"],["999.99","0"]],"a":[["1000.01","2.25"]]}""",
        """{"stream":"bnbbtc@depth5@100ms","data":{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"]]}}""",
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":9,"p":"1.00","q":"2","T":1,"m":false,"M":true}}""",
        """ { "M" : true , "m" : false , "T" : 1 , "q" : "2" , "p" : "1.00" , "t" : 9 , "s" : "BTC\u0055SDT" , "E" : 1 , "e" : "trade", "z": {"k":[1,"]"]} } """,
        """{"result":null,"id":1}""",
        """{"code":2,"msg":"Invalid request","id":5}""",
    ];
}
