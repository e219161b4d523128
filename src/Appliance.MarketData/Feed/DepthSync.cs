using Appliance.MarketData.Events;

namespace Appliance.MarketData.Feed;

/// <summary>
/// Binance's book-synchronisation state for one instrument's depth diff stream, with preallocated room
/// for the diffs that arrive while the snapshot is being fetched (messages of one or more events each).
/// </summary>
internal sealed class DepthSync
{
    public const int BufferEvents = 1024;
    public const int BufferMessages = 1024;

    private readonly MarketEvent[] _events = new MarketEvent[BufferEvents];
    private readonly int[] _starts = new int[BufferMessages + 1];

    public DepthSync(bool arbitrated, int lineCount = 1)
    {
        Arrivals = new StreamTrack(arbitrated, lineCount);
    }

    public DepthSyncState State;

    /// <summary>Highest "u" received (first copies), whether buffered or passed on: duplicates are at or below it.</summary>
    public StreamTrack Arrivals { get; }

    /// <summary>The last update id the downstream book has (snapshot or diff); meaningful when <see cref="DepthSyncState.Synced"/>.</summary>
    public long BookId;

    /// <summary>Id of the snapshot request in flight; 0 when none.</summary>
    public int OutstandingRequest;

    public int MessageCount { get; private set; }

    public int EventCount => _starts[MessageCount];

    public ReadOnlySpan<MarketEvent> Message(int index) => _events.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    public void Clear() => MessageCount = 0;

    public void Reset()
    {
        Clear();
        Arrivals.Reset();
        State = DepthSyncState.NeedSnapshot;
        BookId = 0;
        OutstandingRequest = 0;
    }

    /// <summary>Appends one message's events; false when the buffer is full.</summary>
    public bool TryAppend(ReadOnlySpan<MarketEvent> message)
    {
        int at = _starts[MessageCount];
        if (MessageCount == BufferMessages || at + message.Length > _events.Length) return false;
        message.CopyTo(_events.AsSpan(at));
        MessageCount++;
        _starts[MessageCount] = at + message.Length;
        return true;
    }
}
