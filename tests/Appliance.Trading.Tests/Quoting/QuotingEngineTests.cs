using Appliance.MarketData.Events;
using Appliance.Trading.Orders;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Quoting;

/// <summary>A quoting strategy through the engine and the paper venue: the live orders follow the wanted ladder.</summary>
public class QuotingEngineTests
{
    private static List<Order> Live(EngineFixture f) => f.Engine.Orders.Pool.All.ToArray().Where(o => o.State.IsWorking() && o.Origin == OrderOrigin.Quote).ToList();

    private static void Ladder(ScriptedStrategy s, long mid, long size = 100)
    {
        s.Next.Enqueue(i =>
        {
            for (int level = 0; level < 2; level++)
            {
                i.Quote(0, Side.Buy, level, mid - (level + 5) * 10, size);
                i.Quote(0, Side.Sell, level, mid + (level + 5) * 10, size);
            }
        });
    }

    [Test]
    public void Ladder_is_placed_moved_by_amends_and_cleared_by_cancels()
    {
        var strategy = new ScriptedStrategy();
        using var f = new EngineFixture(strategyOverride: strategy);
        f.Book(9_999, 10_001);
        f.Trade(10_000);
        Ladder(strategy, 10_000);
        f.Trade(10_000);
        f.Book(9_999, 10_001);
        Assert.That(Live(f).Select(o => (o.Side, o.Price)), Is.EquivalentTo(new[] { (Side.Buy, 9_950L), (Side.Buy, 9_940L), (Side.Sell, 10_050L), (Side.Sell, 10_060L) }));
        Assert.That(f.Engine.Quotes.Inserts, Is.EqualTo(4));

        Ladder(strategy, 10_020); // up two ticks: 9 970/9 960 and 10 070/10 080
        f.Trade(10_020);
        f.Book(10_019, 10_021);
        Assert.That(Live(f).Select(o => (o.Side, o.Price)), Is.EquivalentTo(new[] { (Side.Buy, 9_970L), (Side.Buy, 9_960L), (Side.Sell, 10_070L), (Side.Sell, 10_080L) }));
        Assert.That((f.Engine.Quotes.Inserts, f.Engine.Quotes.Amends, f.Engine.Quotes.Cancels), Is.EqualTo((4L, 4L, 0L)), "moved by amends only");

        strategy.Next.Enqueue(i => i.ClearQuotes(0));
        f.Trade(10_020);
        f.Book(10_019, 10_021);
        Assert.That(Live(f), Is.Empty);
        Assert.That(f.Engine.Quotes.Cancels, Is.EqualTo(4));
    }

    [Test]
    public void Rate_limit_spreads_the_ladder_over_later_events()
    {
        var strategy = new ScriptedStrategy();
        using var f = new EngineFixture(strategyOverride: strategy, risk: r => r with { OrdersPerSecond = 1m, OrderBurst = 2 });
        f.Book(9_999, 10_001);
        f.Trade(10_000);
        Ladder(strategy, 10_000);
        f.Trade(10_000);
        Assert.That(f.Engine.Quotes.Inserts, Is.EqualTo(2), "the burst");
        f.Book(9_999, 10_001, afterMs: 1_000);
        f.Book(9_999, 10_001, afterMs: 1_000);
        Assert.That(f.Engine.Quotes.Inserts, Is.EqualTo(4), "one a second after that");
        Assert.That(Live(f), Has.Count.EqualTo(4));
    }

    [Test]
    public void Halt_cancels_quotes_and_stops_quoting()
    {
        var strategy = new ScriptedStrategy();
        using var f = new EngineFixture(strategyOverride: strategy);
        f.Book(9_999, 10_001);
        f.Trade(10_000);
        Ladder(strategy, 10_000);
        f.Trade(10_000);
        f.Book(9_999, 10_001);
        f.Engine.Control.Post(Appliance.Trading.Control.ControlCommandKind.Halt, "stop quoting");
        f.Book(9_999, 10_001);
        f.Book(9_999, 10_001);
        Assert.That(Live(f), Is.Empty);
        Ladder(strategy, 10_000);
        f.Trade(10_000);
        f.Book(9_999, 10_001);
        Assert.That(Live(f), Is.Empty);
    }
}
