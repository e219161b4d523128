namespace Appliance.MarketData.Decoding;

/// <summary>Unit of Binance time fields: milliseconds by default, microseconds with <c>timeUnit=MICROSECOND</c> on the stream URL.</summary>
public enum BinanceTimeUnit : byte
{
    Milliseconds = 0,
    Microseconds,
}
