using Appliance.MarketData.Events;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// Walks a Binance level array <c>[["price","qty"],...]</c> located by a scan and hands each pair to the
/// writer. Static abstract so the event writer is specialised per scanner with no indirection.
/// </summary>
internal interface ILevelReader
{
    static abstract DecodeStatus Read<TSink>(ReadOnlySpan<byte> payload, TextSpan array, ref DepthWriter<TSink> writer, out int errorOffset)
        where TSink : struct, IMarketEventSink;
}
