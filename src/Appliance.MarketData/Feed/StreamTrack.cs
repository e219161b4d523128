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

    // Per line: whether it has joined the merged stream since it (re)connected, and when it was first held back.
    private readonly bool[]? _joined;
    private readonly long[]? _heldSince;

    public StreamTrack(bool arbitrated, int lineCount = 1)
    {
        if (!arbitrated) return;
        _ids = new long[LogSize];
        _ticks = new long[LogSize];
        _lines = new byte[LogSize];
        Array.Fill(_ids, long.MinValue);
        _joined = new bool[lineCount];
        _heldSince = new long[lineCount];
    }

    /// <summary>
    /// Whether <paramref name="line"/> has joined the merged stream: it delivered an id that continued (or
    /// repeated) what the merged stream had, or it was the only line there was. Always true when not arbitrated.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsJoined(int line) => _joined is null || _joined[line];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Join(int line)
    {
        if (_joined is null || _joined[line]) return;
        _joined[line] = true;
        _heldSince![line] = 0;
    }

    /// <summary>A line (re)connected: until it joins, what it delivers ahead of the merged stream may be held back.</summary>
    public void Leave(int line)
    {
        if (_joined is null) return;
        _joined[line] = false;
        _heldSince![line] = 0;
    }

    /// <summary>Receive ticks of the first message held back from <paramref name="line"/> (set now if none).</summary>
    public long HeldSince(int line, long now)
    {
        ref long since = ref _heldSince![line];
        if (since == 0) since = now;
        return since;
    }

    /// <summary>The highest id let through; meaningful when <see cref="Has"/>.</summary>
    public long Last;

    public bool Has;

    public void Reset()
    {
        Last = 0;
        Has = false;
        if (_ids is not null) Array.Fill(_ids, long.MinValue);
        if (_joined is not null)
        {
            Array.Clear(_joined);
            Array.Clear(_heldSince!);
        }
    }

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
