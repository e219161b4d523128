
namespace Appliance.Venue.Connections;

/// <summary>
/// Open connections (a copy-on-write array the generator thread can walk without locking) and the recent
/// closed ones for /control/stats. Ids are unique across market-data and order-entry connections.
/// </summary>
internal sealed class ConnectionRegistry
{
    private const int ClosedKept = 256;
    private readonly object _gate = new();
    private readonly Queue<IVenueConnection> _closed = new();
    private IVenueConnection[] _open = [];
    private MarketDataConnection[] _market = [];
    private int _nextId;

    public int NextId() => Interlocked.Increment(ref _nextId);

    public IVenueConnection[] Open => Volatile.Read(ref _open);

    public void Add(IVenueConnection connection)
    {
        lock (_gate)
        {
            _open = [.. _open, connection];
            if (connection is MarketDataConnection m) Volatile.Write(ref _market, [.. _market, m]);
        }
    }

    public void Remove(IVenueConnection connection)
    {
        lock (_gate)
        {
            _open = _open.Where(c => c != connection).ToArray();
            if (connection is MarketDataConnection m) Volatile.Write(ref _market, _market.Where(c => c != m).ToArray());
            _closed.Enqueue(connection);
            while (_closed.Count > ClosedKept) _closed.Dequeue();
        }
    }

    /// <summary>Open connections first, then recently closed ones, each group in id order.</summary>
    public IReadOnlyList<IVenueConnection> All()
    {
        lock (_gate) return _open.OrderBy(c => c.Id).Concat(_closed.OrderBy(c => c.Id)).ToArray();
    }

    /// <summary>Generator thread, after publishing: wake every market-data sender.</summary>
    public void SignalMarket()
    {
        foreach (MarketDataConnection c in Volatile.Read(ref _market)) c.Signal.Set();
    }

    /// <summary>Block policy: the log sequence the slowest market-data connection reads next.</summary>
    public long SlowestMarketCursor()
    {
        long min = long.MaxValue;
        foreach (MarketDataConnection c in Volatile.Read(ref _market))
        {
            long cursor = c.Cursor;
            if (cursor < min) min = cursor;
        }
        return min;
    }

    public IVenueConnection? Find(int id)
    {
        foreach (IVenueConnection c in Open) if (c.Id == id) return c;
        return null;
    }

}
