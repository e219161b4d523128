namespace Appliance.Trading.Quoting;

/// <summary>One resting order wanted or held: price and quantity in units, and the live order's id (0 for a wanted level).</summary>
public struct QuoteLevel
{
    public long Price;
    public long Quantity;
    public long LocalId;
    /// <summary>A live order with an answer outstanding (not acked, amend or cancel in flight): left alone until it settles.</summary>
    public bool Busy;
    public bool Matched;
}
