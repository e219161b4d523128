using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Venue.Tests.Support;

/// <summary>A plain sorted-dictionary L2 book: the test's own model, built from venue JSON or decoded events.</summary>
internal sealed class ReferenceBook
{
    public SortedDictionary<long, long> Bids { get; } = new();
    public SortedDictionary<long, long> Asks { get; } = new();
    public long LastUpdateId { get; set; }

    /// <summary>From a REST snapshot or /control/book answer.</summary>
    public static ReferenceBook FromJson(JsonElement json, int priceScale, int quantityScale)
    {
        var book = new ReferenceBook { LastUpdateId = json.GetProperty("lastUpdateId").GetInt64() };
        Load(json.GetProperty("bids"), book.Bids, priceScale, quantityScale);
        Load(json.GetProperty("asks"), book.Asks, priceScale, quantityScale);
        return book;
    }

    private static void Load(JsonElement levels, SortedDictionary<long, long> side, int ps, int qs)
    {
        foreach (JsonElement level in levels.EnumerateArray())
        {
            long price = Parse(level[0].GetString()!, ps);
            long quantity = Parse(level[1].GetString()!, qs);
            Assert.That(side.TryAdd(price, quantity), Is.True, $"price {price} twice");
        }
    }

    public static long Parse(string text, int scale)
    {
        Assert.That(FixedDecimal.TryParse(System.Text.Encoding.ASCII.GetBytes(text), scale, out long units), Is.EqualTo(FixedParseStatus.Ok), text);
        return units;
    }

    public void Apply(in MarketEvent e)
    {
        foreach (BookLevel l in e.Bids) Set(Bids, l);
        foreach (BookLevel l in e.Asks) Set(Asks, l);
        LastUpdateId = e.LastId;
    }

    private static void Set(SortedDictionary<long, long> side, BookLevel level)
    {
        if (level.Quantity == 0) side.Remove(level.Price);
        else side[level.Price] = level.Quantity;
    }

    public void AssertEqual(ReferenceBook expected, string what)
    {
        Assert.That(LastUpdateId, Is.EqualTo(expected.LastUpdateId), $"{what}: last update id");
        Assert.That(Bids, Is.EqualTo(expected.Bids), $"{what}: bids ({Bids.Count} vs {expected.Bids.Count} levels)");
        Assert.That(Asks, Is.EqualTo(expected.Asks), $"{what}: asks ({Asks.Count} vs {expected.Asks.Count} levels)");
    }
}
