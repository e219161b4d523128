namespace Appliance.MarketData.Events;

[Flags]
public enum MarketEventFlags : byte
{
    None = 0,
    /// <summary>More levels of the same venue message follow in the next event (same ids, <c>Part</c> + 1).</summary>
    Continues = 1,
    /// <summary>Binance "M" (best price match) was true on the trade.</summary>
    BestMatch = 2,
}
