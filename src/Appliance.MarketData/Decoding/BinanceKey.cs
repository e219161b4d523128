namespace Appliance.MarketData.Decoding;

/// <summary>The object keys Binance spot public messages use that the decoders care about.</summary>
internal enum BinanceKey : byte
{
    Unknown = 0,
    e, E, s, t, p, q, T, m, M, a, b, B, A, f, l, U, u,
    LastUpdateId, Bids, Asks, Stream, Data, Result, Id, Code, Msg,
}
