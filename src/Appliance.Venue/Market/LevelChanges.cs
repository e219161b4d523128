namespace Appliance.Venue.Market;

/// <summary>
/// The price levels one market step (or one aggregation interval) changed, last value per price: what a
/// depthUpdate carries. Bids and asks are kept apart and written best-first.
/// </summary>
internal sealed class LevelChanges
{
    private readonly List<(long Price, long Quantity)> _bids = new(64);
    private readonly List<(long Price, long Quantity)> _asks = new(64);
    private readonly Dictionary<long, int> _bidIndex = new();
    private readonly Dictionary<long, int> _askIndex = new();

    /// <summary>Update ids covered so far (U..u); 0 when empty.</summary>
    public long FirstUpdateId { get; private set; }

    public long LastUpdateId { get; private set; }

    public int Count => _bids.Count + _asks.Count;

    public IReadOnlyList<(long Price, long Quantity)> Bids => _bids;

    public IReadOnlyList<(long Price, long Quantity)> Asks => _asks;

    public void Add(bool bid, long price, long quantity, long updateId)
    {
        if (FirstUpdateId == 0) FirstUpdateId = updateId;
        LastUpdateId = updateId;
        var list = bid ? _bids : _asks;
        var index = bid ? _bidIndex : _askIndex;
        if (index.TryGetValue(price, out int i)) list[i] = (price, quantity);
        else
        {
            index[price] = list.Count;
            list.Add((price, quantity));
        }
    }

    /// <summary>Sorts best-first (bids descending, asks ascending), as the venue writes them.</summary>
    public void Sort()
    {
        if (_bids.Count > 1) _bids.Sort(static (x, y) => y.Price.CompareTo(x.Price));
        if (_asks.Count > 1) _asks.Sort(static (x, y) => x.Price.CompareTo(y.Price));
    }

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        _bidIndex.Clear();
        _askIndex.Clear();
        FirstUpdateId = LastUpdateId = 0;
    }
}
