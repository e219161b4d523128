using Appliance.MarketData.Books;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Books;

public class OrderBookTests
{
    // Through the reader's path, so every assertion also checks the seqlock copy.
    private static (long, long)[] Levels(OrderBook book, Side side)
    {
        var snapshot = new BookSnapshot(book.Depth);
        Assert.That(book.TryRead(snapshot), Is.True);
        ReadOnlySpan<BookLevel> levels = side == Side.Buy ? snapshot.Bids : snapshot.Asks;
        var result = new (long, long)[levels.Length];
        for (int i = 0; i < levels.Length; i++) result[i] = (levels[i].Price, levels[i].Quantity);
        int count = side == Side.Buy ? book.BidCount : book.AskCount;
        Assert.That(count, Is.EqualTo(levels.Length));
        for (int i = 0; i < count; i++)
            Assert.That(side == Side.Buy ? book.BidAt(i) : book.AskAt(i), Is.EqualTo(levels[i]), "writer view equals reader copy");
        return result;
    }

    [Test]
    public void Levels_insert_sorted_best_first_on_each_side()
    {
        var book = new OrderBook(0, depth: 10);
        foreach (long p in new long[] { 100, 102, 98, 101 }) Assert.That(book.ApplyLevel(Side.Buy, p, p * 10), Is.EqualTo(BookUpdateResult.Ok));
        foreach (long p in new long[] { 110, 105, 107 }) Assert.That(book.ApplyLevel(Side.Sell, p, 1), Is.EqualTo(BookUpdateResult.Ok));
        Assert.That(Levels(book, Side.Buy), Is.EqualTo(new[] { (102L, 1020L), (101L, 1010L), (100L, 1000L), (98L, 980L) }));
        Assert.That(Levels(book, Side.Sell).Select(l => l.Item1), Is.EqualTo(new long[] { 105, 107, 110 }));
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
        Assert.That(Levels(book, Side.Buy), Is.EqualTo(new[] { (100L, 5L), (99L, 1L) }));
        book.ApplyLevel(Side.Buy, 100, 0);
        Assert.That(Levels(book, Side.Buy), Is.EqualTo(new[] { (99L, 1L) }));
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
        Assert.That(Levels(book, Side.Sell).Select(l => l.Item1), Is.EqualTo(new long[] { 10, 11, 12 }));
        book.ApplyLevel(Side.Sell, 9, 2); // pushes 12 out
        Assert.That(Levels(book, Side.Sell).Select(l => l.Item1), Is.EqualTo(new long[] { 9, 10, 11 }));
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
        Assert.That(Levels(book, Side.Buy), Is.EqualTo(new[] { (100L, 1L), (98L, 2L) }));
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

    [TestCase(1000, Side.Buy)]
    [TestCase(1000, Side.Sell)]
    [TestCase(37, Side.Buy)]
    [TestCase(37, Side.Sell)]
    public void Random_updates_match_a_sorted_dictionary_model(int depth, Side side)
    {
        var random = new Random(depth);
        var book = new OrderBook(0, depth);
        var model = new SortedDictionary<long, long>(side == Side.Buy ? Comparer<long>.Create((a, b) => b.CompareTo(a)) : Comparer<long>.Default);
        // The deep book sees fewer prices than its depth; the small one more, so it fills and truncates.
        double spread = depth == 1000 ? 0.99 * depth : 3.0 * depth;
        for (int i = 0; i < 20_000; i++)
        {
            // Skewed to the touch like real traffic.
            long offset = (long)(Math.Pow(random.NextDouble(), 2) * spread);
            long price = side == Side.Buy ? 100_000 - offset : 100_000 + offset;
            long qty = random.Next(0, 3);
            book.ApplyLevel(side, price, qty);
            if (qty == 0) model.Remove(price); else model[price] = qty;
            if (i % 997 == 0 || i == 19_999)
            {
                var held = Levels(book, side);
                if (!book.IsTruncated)
                {
                    Assert.That(held, Is.EqualTo(model.Select(kv => (kv.Key, kv.Value)).ToArray()));
                }
                else
                {
                    // Once levels fell off, the book may miss levels below them: what it holds must still be true.
                    foreach (var (price_, qty_) in held) Assert.That(model.GetValueOrDefault(price_), Is.EqualTo(qty_));
                }
                Assert.That(book.CheckIntegrity(), Is.EqualTo(BookUpdateResult.Ok));
            }
        }
        Assert.That(book.IsTruncated, Is.EqualTo(depth == 37), "the small book filled up");
    }
}
