using Appliance.Venue.Market;

namespace Appliance.Venue.Tests.Market;

/// <summary>The simulator's own book side against a sorted dictionary, under random changes clustered at the touch.</summary>
public sealed class SimBookSideTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void Random_changes_keep_the_side_sorted_and_equal_to_a_dictionary(bool isBid)
    {
        var side = new SimBookSide(isBid, depth: 16); // small, so the buffer recentres and grows often
        var model = new SortedDictionary<long, long>();
        var random = new Random(11);
        for (int i = 0; i < 50_000; i++)
        {
            // Mostly near 1000 (the "touch"), sometimes far away on either end.
            long price = random.Next(10) < 8 ? 1000 + random.Next(-20, 21) : random.Next(1, 5000);
            long quantity = random.Next(4) == 0 ? 0 : random.Next(1, 100);
            bool changed = side.Set(price, quantity);
            bool expected = quantity == 0 ? model.Remove(price) : !model.TryGetValue(price, out long q) || q != quantity;
            if (quantity != 0) model[price] = quantity;
            Assert.That(changed, Is.EqualTo(expected), $"step {i}: change reported");
            if (i % 997 == 0 || i > 49_900) AssertSame(side, model, isBid);
        }
    }

    private static void AssertSame(SimBookSide side, SortedDictionary<long, long> model, bool isBid)
    {
        Assert.That(side.Count, Is.EqualTo(model.Count));
        var expected = isBid ? model.Reverse().ToArray() : model.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(side.PriceAt(i), Is.EqualTo(expected[i].Key), $"level {i}");
            Assert.That(side.QuantityAt(i), Is.EqualTo(expected[i].Value));
            Assert.That(side.QuantityOf(expected[i].Key), Is.EqualTo(expected[i].Value));
        }
    }
}
