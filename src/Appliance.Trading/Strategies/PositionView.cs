namespace Appliance.Trading.Strategies;

/// <summary>Read-only view of a position for a strategy. Quantities and prices in the instrument's units.</summary>
public readonly struct PositionView
{
    public PositionView(long quantity, double averagePrice, double realized, double unrealized, long openedAtNs, long workingBuy, long workingSell)
    {
        Quantity = quantity;
        AveragePrice = averagePrice;
        Realized = realized;
        Unrealized = unrealized;
        OpenedAtNs = openedAtNs;
        WorkingBuy = workingBuy;
        WorkingSell = workingSell;
    }

    /// <summary>Signed: positive long, negative short.</summary>
    public long Quantity { get; }
    public double AveragePrice { get; }
    public double Realized { get; }
    public double Unrealized { get; }
    public long OpenedAtNs { get; }
    public long WorkingBuy { get; }
    public long WorkingSell { get; }
    public bool IsFlat => Quantity == 0;
}
