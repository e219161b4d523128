using Appliance.MarketData.Events;

namespace Appliance.Trading.Positions;

/// <summary>
/// A net position in one instrument with its average entry price and realized profit, updated fill by
/// fill (average cost). A round trip runs from flat back to flat (or through zero on a flip); its profit
/// feeds the consecutive-loss breaker. Mutable struct kept in an array slot; use by ref.
/// </summary>
public struct Position
{
    /// <summary>Signed quantity units: positive long, negative short.</summary>
    public long Quantity;

    /// <summary>Average entry price in price units (fractional after fills at several prices); 0 when flat.</summary>
    public double AveragePrice;

    /// <summary>Realized profit since start, quote currency.</summary>
    public double Realized;

    /// <summary>Realized profit of the current round trip.</summary>
    public double TripRealized;

    /// <summary>Event time the position last left flat.</summary>
    public long OpenedAtNs;

    /// <summary>Best price seen since entry in the position's favour (highest for a long, lowest for a short): the trailing stop's anchor.</summary>
    public long BestPrice;

    public readonly bool IsFlat => Quantity == 0;

    public readonly double Unrealized(long markPrice, double notionalDivisor) =>
        Quantity == 0 || markPrice <= 0 ? 0 : Quantity * (markPrice - AveragePrice) / notionalDivisor;

    /// <summary>
    /// Applies a fill. Returns the profit it realized; <paramref name="closedTrip"/> is true when the fill
    /// brought the position to flat or through zero, with <paramref name="tripProfit"/> the finished round trip's profit.
    /// </summary>
    public double Apply(Side side, long quantity, long price, long timeNs, double notionalDivisor, out bool closedTrip, out double tripProfit)
    {
        long signed = side == Side.Buy ? quantity : -quantity;
        closedTrip = false;
        tripProfit = 0;
        double realized = 0;

        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signed))
        {
            // Opening or adding: new average cost.
            if (Quantity == 0)
            {
                OpenedAtNs = timeNs;
                BestPrice = price;
                TripRealized = 0;
            }
            long total = Quantity + signed;
            AveragePrice = (AveragePrice * Math.Abs(Quantity) + (double)price * quantity) / Math.Abs(total);
            Quantity = total;
            return 0;
        }

        long closing = Math.Min(Math.Abs(Quantity), quantity);
        realized = (Quantity > 0 ? price - AveragePrice : AveragePrice - price) * closing / notionalDivisor;
        Realized += realized;
        TripRealized += realized;
        Quantity += signed;

        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signed))
        {
            closedTrip = true;
            tripProfit = TripRealized;
            TripRealized = 0;
            if (Quantity == 0)
            {
                AveragePrice = 0;
                BestPrice = 0;
            }
            else
            {
                // Flipped: the remainder opens a new position at this price.
                AveragePrice = price;
                OpenedAtNs = timeNs;
                BestPrice = price;
            }
        }
        return realized;
    }

    /// <summary>Moves the trailing anchor with a new price.</summary>
    public void Observe(long price)
    {
        if (Quantity > 0 ? price > BestPrice : Quantity < 0 && price < BestPrice) BestPrice = price;
    }
}
