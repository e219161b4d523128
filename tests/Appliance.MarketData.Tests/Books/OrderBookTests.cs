using Appliance.MarketData.Books;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Books;

public class OrderBookTests
{
    private static (long, long)[] Levels(ReadOnlySpan<BookLevel> levels)
    {
        var result = new (long, long)[levels.Length];
        for (int i = 0; i < levels.Length; i++) result[i] = (levels[i].Price, levels[i].Quantity);
        return result;
    }

    [Test]
    public void Levels_insert_sorted_best_first_on_each_side()
    {
        var book = new OrderBook(0, depth: 10);
        foreach (long p in new long[] { 100, 102, 98, 101 }) Assert.That(book.ApplyLevel(Side.Buy, p, p * 10), Is.EqualTo(BookUpdateResult.Ok));
        foreach (long p in new long[] { 110, 105, 107 }) Assert.That(book.ApplyLevel(Side.Sell, p, 1), Is.EqualTo(BookUpdateResult.Ok));
        Assert.That(Levels(book.Bids), Is.EqualTo(new[] { (102L, 1020L), (101L, 1010L), (100L, 1000L), (98L, 980L) }));
        Assert.That(Levels(book.Asks).Select(l => l.Item1), Is.EqualTo(new long[] { 105, 107, 110 }));
        Assert.That(book.BestBid.Price, Is.EqualTo(102));
        Assert.That(book.BestAsk.Price, Is.EqualTo(105));
    }

    [Test]
    public void Same_price_replaces_and_zero_quantity_deletes()
    {
        var book = new OrderBook(0, depth: 10);
        book.ApplyLevel(Side.Buy, 100, 1);
        book.ApplyLevel(Side.Buy, 99, 1);
        book.ApplyLevel(Side.Buy, 100, 5);
        Assert.That(Levels(book.Bids), Is.EqualTo(new[] { (100L, 5L), (99L, 1L) }));
        book.ApplyLevel(Side.Buy, 100, 0);
        Assert.That(Levels(book.Bids), Is.EqualTo(new[] { (99L, 1L) }));
        book.ApplyLevel(Side.Buy, 50, 0); // not held: normal, ignored
        Assert.That(book.BidCount, Is.EqualTo(1));
    }

    [Test]
    public void Levels_beyond_the_depth_are_dropped_and_the_book_knows_it_is_truncated()
    {
        var book = new OrderBook(0, depth: 3);
        book.ApplyLevel(Side.Sell, 10, 1);
        book.ApplyLevel(Side.Sell, 11, 1);
        book.ApplyLevel(Side.Sell, 12, 1);
        Assert.That(book.IsTruncated, Is.False);
        book.ApplyLevel(Side.Sell, 13, 1);
        Assert.That(book.IsTruncated, Is.True);
        Assert.That(Levels(book.Asks).Select(l => l.Item1), Is.EqualTo(new long[] { 10, 11, 12 }));
        book.ApplyLevel(Side.Sell, 9, 2); // pushes 12 out
        Assert.That(Levels(book.Asks).Select(l => l.Item1), Is.EqualTo(new long[] { 9, 10, 11 }));
    }

    [Test]
    public void Crossing_the_book_reports_crossed()
    {
        var book = new OrderBook(0, depth: 5);
        book.ApplyLevel(Side.Buy, 100, 1);
        book.ApplyLevel(Side.Sell, 101, 1);
        Assert.That(book.ApplyLevel(Side.Buy, 101, 1), Is.EqualTo(BookUpdateResult.Crossed));
        Assert.That(book.CheckIntegrity(), Is.EqualTo(BookUpdateResult.Crossed));
    }

    [Test]
    public void Nonsense_levels_are_refused()
    {
        var book = new OrderBook(0, depth: 5);
        Assert.That(book.ApplyLevel(Side.Buy, 0, 1), Is.EqualTo(BookUpdateResult.InvalidLevel));
        Assert.That(book.ApplyLevel(Side.Buy, 10, -1), Is.EqualTo(BookUpdateResult.InvalidLevel));
        Assert.That(book.BidCount, Is.Zero);
    }

    [Test]
    public void Snapshot_replaces_the_book_and_checks_order()
    {
        var book = new OrderBook(0, depth: 2);
        book.ApplyLevel(Side.Buy, 1, 1);
        var result = book.ApplySnapshot([new(100, 1), new(99, 0), new(98, 2), new(97, 3)], [new(101, 1)], lastUpdateId: 42);
        Assert.That(result, Is.EqualTo(BookUpdateResult.Ok));
        Assert.That(Levels(book.Bids), Is.EqualTo(new[] { (100L, 1L), (98L, 2L) }));
        Assert.That(book.IsTruncated, Is.True);
        Assert.That(book.LastUpdateId, Is.EqualTo(42));

        Assert.That(book.ApplySnapshot([new(98, 1), new(100, 1)], [], 43), Is.EqualTo(BookUpdateResult.Unsorted));
        Assert.That(book.ApplySnapshot([new(100, 1)], [new(100, 1)], 44), Is.EqualTo(BookUpdateResult.Crossed));
    }

    [Test]
    public void A_depth_event_applies_all_its_levels_and_its_update_id()
    {
        var book = new OrderBook(0, depth: 10);
        var ev = new MarketEvent { Kind = MarketEventKind.DepthDiff, BidCount = 2, AskCount = 1, LastId = 160 };
        ev.Levels[0] = new BookLevel(100, 1);
        ev.Levels[1] = new BookLevel(99, 2);
        ev.Levels[2] = new BookLevel(101, 3);
        Assert.That(book.Apply(ev), Is.EqualTo(BookUpdateResult.Ok));
        Assert.That((book.BidCount, book.AskCount, book.LastUpdateId), Is.EqualTo((2, 1, 160L)));
        Assert.That(book.Version % 2, Is.Zero);
    }

    [Test]
    public void Level_updates_allocate_nothing()
    {
        var book = new OrderBook(0, depth: 50);
        book.ApplyLevel(Side.Buy, 1, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            book.ApplyLevel(Side.Buy, 1000 - i % 100, i % 3);
            book.ApplyLevel(Side.Sell, 2000 + i % 100, i % 5);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Random_updates_match_a_sorted_dictionary_model()
    {
        var random = new Random(3);
        var book = new OrderBook(0, depth: 1000);
        var bids = new SortedDictionary<long, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        for (int i = 0; i < 20_000; i++)
        {
            long price = random.Next(1, 300);
            long qty = random.Next(0, 3);
            book.ApplyLevel(Side.Buy, price, qty);
            if (qty == 0) bids.Remove(price); else bids[price] = qty;
        }
        Assert.That(Levels(book.Bids), Is.EqualTo(bids.Select(kv => (kv.Key, kv.Value)).ToArray()));
        Assert.That(book.CheckIntegrity(), Is.EqualTo(BookUpdateResult.Ok));
    }
}
