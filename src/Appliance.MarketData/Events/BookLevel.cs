namespace Appliance.MarketData.Events;

/// <summary>A price level in fixed-point units; quantity 0 in a diff deletes the level.</summary>
public struct BookLevel
{
    public long Price;
    public long Quantity;

    public BookLevel(long price, long quantity)
    {
        Price = price;
        Quantity = quantity;
    }

    public override readonly string ToString() => $"{Quantity}@{Price}";
}
