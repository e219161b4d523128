using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Feed;

/// <summary>
/// The venue-id state of one stream of one instrument (trades, aggTrades, bookTicker, partial depth, or
/// depth diffs): the last id let through and, when several lines are arbitrated, a small direct-mapped
/// log of recent first arrivals (id → line, receive ticks) so a later copy can be told apart from a
/// true duplicate and the winner's lead measured.
/// </summary>
internal sealed class StreamTrack
{
    private const int LogSize = 256; // a power of two; how far behind a losing line can be and still be measured

    private readonly long[]? _ids;
    private readonly long[]? _ticks;
    private readonly byte[]? _lines;

    public StreamTrack(bool arbitrated)
    {
        if (!arbitrated) return;
        _ids = new long[LogSize];
        _ticks = new long[LogSize];
        _lines = new byte[LogSize];
        Array.Fill(_ids, long.MinValue);
    }

    /// <summary>The highest id let through; meaningful when <see cref="Has"/>.</summary>
    public long Last;

    public bool Has;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordArrival(long id, long ticks, int line)
    {
        if (_ids is null) return;
        int slot = (int)(id & (LogSize - 1));
        _ids[slot] = id;
        _ticks![slot] = ticks;
        _lines![slot] = (byte)line;
    }

    /// <summary>The first arrival of <paramref name="id"/>, if it is still in the log.</summary>
    public bool TryFindArrival(long id, out long ticks, out int line)
    {
        if (_ids is not null)
        {
            int slot = (int)(id & (LogSize - 1));
            if (_ids[slot] == id)
            {
                ticks = _ticks![slot];
                line = _lines![slot];
                return true;
            }
        }
        ticks = 0;
        line = -1;
        return false;
    }
}
