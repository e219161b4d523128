namespace Appliance.Venue.Trading;

/// <summary>
/// An account's position in one instrument: signed quantity, the cost of what is open (so the average entry
/// price is Cost / Quantity), realized PnL and fees, in quote currency. Decimal arithmetic: this is
/// bookkeeping for display and reconciliation, not a hot path.
/// </summary>
internal sealed class Position
{
    public long Quantity { get; private set; }

    /// <summary>Σ price × signed quantity of the open part, in quote currency.</summary>
    public decimal Cost { get; private set; }

    public decimal RealizedPnl { get; private set; }

    public decimal Fees { get; set; }

    /// <summary>Applies a fill of <paramref name="signedQuantity"/> units at <paramref name="price"/> (real quote per base).</summary>
    public void Apply(long signedQuantity, decimal price, decimal quantityUnit)
    {
        long q = signedQuantity;
        if (Quantity != 0 && Math.Sign(q) != Math.Sign(Quantity))
        {
            long closing = Math.Min(Math.Abs(q), Math.Abs(Quantity)) * Math.Sign(Quantity);
            decimal average = Cost / (Quantity * quantityUnit);
            RealizedPnl += (price - average) * closing * quantityUnit;
            Cost -= average * closing * quantityUnit;
            Quantity -= closing;
            q += closing;
            if (Quantity == 0) Cost = 0;
        }
        if (q != 0)
        {
            Quantity += q;
            Cost += price * q * quantityUnit;
        }
    }

    /// <summary>Average entry price of the open position, or null when flat.</summary>
    public decimal? AveragePrice(decimal quantityUnit) => Quantity == 0 ? null : Cost / (Quantity * quantityUnit);
}
