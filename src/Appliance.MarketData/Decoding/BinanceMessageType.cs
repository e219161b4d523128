namespace Appliance.MarketData.Decoding;

/// <summary>The Binance spot public message a payload was recognised as.</summary>
public enum BinanceMessageType : byte
{
    Unknown = 0,
    Trade,
    AggTrade,
    BookTicker,
    DepthUpdate,
    PartialDepth,
    /// <summary>The answer to SUBSCRIBE and the other requests: <c>{"result":null,"id":1}</c> or <c>{"code":..,"msg":..,"id":..}</c>.</summary>
    RequestResponse,
}
