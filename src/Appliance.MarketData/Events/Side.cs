namespace Appliance.MarketData.Events;

/// <summary>Side of a trade's aggressor (the taker), or of a level.</summary>
public enum Side : byte
{
    Unknown = 0,
    Buy,
    Sell,
}
