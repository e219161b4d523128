using Appliance.MarketData.Books;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Books;

public class OrderBookSeqlockTests
{
    // Every write sets all 20 levels to the same quantity k in one event; a snapshot whose quantities
    // differ, or whose level count is wrong, was torn.
    [Test]
    public void Reader_under_a_concurrent_writer_never_sees_a_torn_book()
    {
        const int Levels = 10;
        var book = new OrderBook(0, depth: 16);
        var ev = new MarketEvent { Kind = MarketEventKind.DepthDiff, BidCount = Levels, AskCount = Levels };
        void Fill(long k)
        {
            for (int i = 0; i < Levels; i++)
            {
                ev.Levels[i] = new BookLevel(1000 - i, k);
                ev.Levels[Levels + i] = new BookLevel(2000 + i, k);
            }
            ev.LastId = k;
        }
        Fill(1);
        book.Apply(ev);

        using var stop = new CancellationTokenSource();
        long writes = 0;
        var writer = new Thread(() =>
        {
            for (long k = 2; !stop.IsCancellationRequested; k++)
            {
                Fill(k);
                book.Apply(ev);
                Volatile.Write(ref writes, k);
            }
        }) { IsBackground = true };
        writer.Start();

        var snapshot = new BookSnapshot(16);
        int reads = 0, torn = 0;
        long lastSeen = 0, distinct = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        try
        {
            while ((reads < 200_000 || distinct < 1000) && DateTime.UtcNow < deadline)
            {
                if (!book.TryRead(snapshot)) continue;
                reads++;
                long k = snapshot.Bids.Length > 0 ? snapshot.Bids[0].Quantity : -1;
                bool ok = snapshot.BidCount == Levels && snapshot.AskCount == Levels && snapshot.LastUpdateId == k;
                foreach (var l in snapshot.Bids) ok &= l.Quantity == k;
                foreach (var l in snapshot.Asks) ok &= l.Quantity == k;
                if (!ok) torn++;
                if (k != lastSeen) { distinct++; lastSeen = k; }
            }
        }
        finally
        {
            stop.Cancel();
            writer.Join();
        }

        Assert.That(torn, Is.Zero);
        Assert.That(distinct, Is.GreaterThanOrEqualTo(1000), "the reader really raced the writer");
        Assert.That(Volatile.Read(ref writes), Is.GreaterThan(1000));
    }
}
