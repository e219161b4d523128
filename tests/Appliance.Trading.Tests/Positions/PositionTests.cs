using Appliance.MarketData.Events;
using Appliance.Trading.Positions;

namespace Appliance.Trading.Tests.Positions;

public class PositionTests
{
    private const double Divisor = 100_000; // price scale 2, quantity scale 3

    [Test]
    public void Adding_averages_the_entry_and_reducing_realizes_against_it()
    {
        var p = new Position();
        p.Apply(Side.Buy, 1_000, 10_000, 1, Divisor, out _, out _);
        p.Apply(Side.Buy, 3_000, 10_400, 2, Divisor, out _, out _);
        Assert.That(p.Quantity, Is.EqualTo(4_000));
        Assert.That(p.AveragePrice, Is.EqualTo(10_300));
        Assert.That(p.OpenedAtNs, Is.EqualTo(1));
        double realized = p.Apply(Side.Sell, 2_000, 10_500, 3, Divisor, out bool closed, out _);
        Assert.That(realized, Is.EqualTo(4.0)); // 2.000 × (105.00 − 103.00)
        Assert.That(closed, Is.False);
        Assert.That(p.Unrealized(10_100, Divisor), Is.EqualTo(-4.0));
        p.Apply(Side.Sell, 2_000, 10_200, 4, Divisor, out closed, out double trip);
        Assert.That(closed, Is.True);
        Assert.That(trip, Is.EqualTo(4.0 - 2.0));
        Assert.That(p.Realized, Is.EqualTo(2.0));
        Assert.That(p.IsFlat, Is.True);
        Assert.That(p.AveragePrice, Is.Zero);
    }

    [Test]
    public void A_flip_closes_the_trip_and_opens_the_remainder_at_the_fill_price()
    {
        var p = new Position();
        p.Apply(Side.Sell, 1_000, 10_000, 1, Divisor, out _, out _);
        p.Apply(Side.Buy, 3_000, 9_900, 5, Divisor, out bool closed, out double trip);
        Assert.That(closed, Is.True);
        Assert.That(trip, Is.EqualTo(1.0));
        Assert.That(p.Quantity, Is.EqualTo(2_000));
        Assert.That(p.AveragePrice, Is.EqualTo(9_900));
        Assert.That(p.OpenedAtNs, Is.EqualTo(5));
        Assert.That(p.BestPrice, Is.EqualTo(9_900));
    }

    [Test]
    public void Best_price_moves_only_in_the_positions_favour()
    {
        var p = new Position();
        p.Apply(Side.Sell, 1_000, 10_000, 1, Divisor, out _, out _);
        p.Observe(10_100);
        Assert.That(p.BestPrice, Is.EqualTo(10_000));
        p.Observe(9_800);
        Assert.That(p.BestPrice, Is.EqualTo(9_800));
    }
}
