using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Events;

public class MarketEventTests
{
    [Test]
    public void Is_512_bytes_and_blittable()
    {
        Assert.That(Unsafe.SizeOf<MarketEvent>(), Is.EqualTo(512));
        Assert.That(RuntimeHelpers.IsReferenceOrContainsReferences<MarketEvent>(), Is.False);
        Assert.That(MarketEvent.HeaderSize + LevelBuffer.Capacity * Unsafe.SizeOf<BookLevel>(), Is.EqualTo(MarketEvent.Size));
    }

    [Test]
    public void Bids_and_asks_are_views_of_the_inline_levels()
    {
        var ev = new MarketEvent { BidCount = 2, AskCount = 1 };
        ev.Levels[0] = new BookLevel(100, 1);
        ev.Levels[1] = new BookLevel(99, 2);
        ev.Levels[2] = new BookLevel(101, 3);
        Assert.That(ev.Bids.Length, Is.EqualTo(2));
        Assert.That(ev.Bids[1].Price, Is.EqualTo(99));
        Assert.That(ev.Asks.Length, Is.EqualTo(1));
        Assert.That(ev.Asks[0].Quantity, Is.EqualTo(3));
    }

    [Test]
    public void ResetHeader_clears_the_header_and_leaves_levels()
    {
        var ev = new MarketEvent { Kind = MarketEventKind.Trade, StatusDetail = 5, Price = 7 };
        ev.Levels[0] = new BookLevel(1, 2);
        ev.ResetHeader();
        Assert.That(ev.Kind, Is.EqualTo(MarketEventKind.None));
        Assert.That(ev.StatusDetail, Is.Zero);
        Assert.That(ev.Price, Is.Zero);
        Assert.That(ev.Levels[0].Price, Is.EqualTo(1));
    }

    [Test]
    public void A_full_buffer_counts_drops_into_a_scratch_slot()
    {
        var buffer = new MarketEventBuffer(2);
        buffer.Claim().Price = 1;
        buffer.Claim().Price = 2;
        buffer.Claim().Price = 3;
        Assert.That(buffer.Count, Is.EqualTo(2));
        Assert.That(buffer.Dropped, Is.EqualTo(1));
        Assert.That(buffer.Events[1].Price, Is.EqualTo(2));
    }
}
