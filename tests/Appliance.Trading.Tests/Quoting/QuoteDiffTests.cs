using Appliance.Trading.Quoting;

namespace Appliance.Trading.Tests.Quoting;

/// <summary>Wanted versus live resting orders: the fewest requests, cancels first, busy orders left alone.</summary>
public class QuoteDiffTests
{
    private static QuoteLevel W(long price, long quantity) => new() { Price = price, Quantity = quantity };
    private static QuoteLevel L(long id, long price, long quantity, bool busy = false) => new() { LocalId = id, Price = price, Quantity = quantity, Busy = busy };

    private static QuoteStep[] Diff(QuoteLevel[] wanted, QuoteLevel[] live, bool bids = true)
    {
        var steps = new QuoteStep[wanted.Length + live.Length];
        int n = QuoteDiff.Compute(wanted, live, bids, steps);
        return steps[..n];
    }

    [Test]
    public void Nothing_to_do_when_live_is_what_is_wanted()
    {
        Assert.That(Diff([W(100, 5), W(99, 5)], [L(1, 100, 5), L(2, 99, 5)]), Is.Empty);
    }

    [Test]
    public void A_size_change_is_one_amend()
    {
        QuoteStep[] steps = Diff([W(100, 7), W(99, 5)], [L(1, 100, 5), L(2, 99, 5)]);
        Assert.That(steps.Select(s => (s.Action, s.LocalId, s.Price, s.Quantity)), Is.EqualTo(new[] { (QuoteAction.Amend, 1L, 100L, 7L) }));
    }

    [Test]
    public void A_ladder_moving_one_tick_costs_one_request_not_a_cancel_and_an_insert_per_level()
    {
        QuoteStep[] steps = Diff([W(100, 5), W(99, 5), W(98, 5)], [L(1, 101, 5), L(2, 100, 5), L(3, 99, 5)]);
        Assert.That(steps.Select(s => (s.Action, s.LocalId, s.Price)), Is.EqualTo(new[] { (QuoteAction.Amend, 1L, 98L) }));
    }

    [Test]
    public void Extra_live_orders_are_cancelled_first_and_missing_levels_inserted_last()
    {
        QuoteStep[] fewer = Diff([W(100, 5)], [L(1, 101, 5), L(2, 100, 5), L(3, 99, 5)]);
        Assert.That(fewer.Select(s => (s.Action, s.LocalId)), Is.EquivalentTo(new[] { (QuoteAction.Cancel, 1L), (QuoteAction.Cancel, 3L) }));
        QuoteStep[] more = Diff([W(102, 5), W(100, 5), W(98, 5)], [L(1, 101, 5)]);
        Assert.That(more.Select(s => s.Action), Is.EqualTo(new[] { QuoteAction.Amend, QuoteAction.Insert, QuoteAction.Insert }));
        QuoteStep[] mixed = Diff([W(105, 5)], [L(1, 100, 5), L(2, 99, 5)], bids: false);
        Assert.That(mixed.Select(s => s.Action), Is.EqualTo(new[] { QuoteAction.Cancel, QuoteAction.Amend }), "cancels before amends");
    }

    [Test]
    public void Busy_orders_are_matched_but_never_changed()
    {
        Assert.That(Diff([W(100, 9)], [L(1, 100, 5, busy: true)]), Is.Empty, "an amend in flight: wait for it");
        Assert.That(Diff([W(98, 5)], [L(1, 100, 5, busy: true)]), Is.Empty, "it will be moved once it settles, not doubled by an insert now");
        Assert.That(Diff([], [L(1, 100, 5, busy: true)]), Is.Empty, "a cancel in flight");
    }

    [Test]
    public void Random_sets_end_exactly_as_wanted_with_the_fewest_requests()
    {
        var random = new Random(5);
        for (int round = 0; round < 20_000; round++)
        {
            bool bids = random.Next(2) == 0;
            QuoteLevel[] wanted = Ladder(random, bids, random.Next(0, 6), id: false);
            QuoteLevel[] live = Ladder(random, bids, random.Next(0, 6), id: true);
            QuoteStep[] steps = Diff(wanted, live, bids);

            var book = live.ToDictionary(l => l.LocalId, l => (l.Price, l.Quantity));
            long next = 1_000;
            foreach (QuoteStep s in steps)
            {
                if (s.Action == QuoteAction.Cancel) Assert.That(book.Remove(s.LocalId), Is.True);
                else if (s.Action == QuoteAction.Amend) { Assert.That(book.ContainsKey(s.LocalId)); book[s.LocalId] = (s.Price, s.Quantity); }
                else book[next++] = (s.Price, s.Quantity);
            }
            Assert.That(book.Values.OrderBy(v => v.Price), Is.EqualTo(wanted.Select(w => (w.Price, w.Quantity)).OrderBy(v => v.Price)), $"round {round}");

            int exact = wanted.Count(w => live.Any(l => l.Price == w.Price && l.Quantity == w.Quantity));
            Assert.That(steps.Length, Is.EqualTo(Math.Max(wanted.Length, live.Length) - exact), $"round {round}: fewest requests");
        }
    }

    private static QuoteLevel[] Ladder(Random random, bool bids, int count, bool id)
    {
        var prices = new SortedSet<long>();
        while (prices.Count < count) prices.Add(95 + random.Next(12));
        IEnumerable<long> ordered = bids ? prices.Reverse() : prices;
        long n = 0;
        return ordered.Select(p => new QuoteLevel { Price = p, Quantity = 1 + random.Next(3), LocalId = id ? ++n : 0 }).ToArray();
    }
}
