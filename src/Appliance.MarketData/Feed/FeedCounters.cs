using Appliance.MarketData.Decoding;
using Appliance.Primitives.Histograms;

namespace Appliance.MarketData.Feed;

/// <summary>
/// Everything a feed session counts, readable from any thread while the feed thread writes: the session's
/// counters, one block per line, malformed messages by decode status, and per line an HDR recorder of
/// arrival leads (how long before the losing copy its winning copy arrived, ns).
/// </summary>
public sealed class FeedCounters
{
    private static readonly int CounterCount = Enum.GetValues<FeedCounter>().Length;
    private static readonly int LineCounterCount = Enum.GetValues<FeedLineCounter>().Length;
    private static readonly int StatusCount = Enum.GetValues<DecodeStatus>().Length;

    private readonly PaddedCounters _session = new(CounterCount);
    private readonly PaddedCounters[] _lines;
    private readonly PaddedCounters _malformed = new(StatusCount);
    private readonly IntervalRecorder[] _leads;

    public FeedCounters(int lineCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineCount);
        _lines = new PaddedCounters[lineCount];
        _leads = new IntervalRecorder[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            _lines[i] = new PaddedCounters(LineCounterCount);
            _leads[i] = new IntervalRecorder(1, 10_000_000_000, 2);
        }
    }

    public int LineCount => _lines.Length;

    public long this[FeedCounter c] => _session.Read((int)c);

    public long Line(int line, FeedLineCounter c) => _lines[line].Read((int)c);

    public long MalformedBy(DecodeStatus status) => _malformed.Read((int)status);

    /// <summary>The arrival-lead recorder of a line (take interval histograms from it on a housekeeping thread).</summary>
    public IntervalRecorder LeadRecorder(int line) => _leads[line];

    // Writer side (feed thread).
    internal void Increment(FeedCounter c) => _session.Increment((int)c);
    internal void Add(FeedCounter c, long n) => _session.Add((int)c, n);
    internal void Set(FeedCounter c, long v) => _session.Set((int)c, v);
    internal void Increment(int line, FeedLineCounter c) => _lines[line].Increment((int)c);
    internal void Set(int line, FeedLineCounter c, long v) => _lines[line].Set((int)c, v);
    internal void CountMalformed(DecodeStatus status)
    {
        _session.Increment((int)FeedCounter.Malformed);
        _malformed.Increment((int)status);
    }

    internal void RecordLead(int line, long nanoseconds)
    {
        if (nanoseconds < 0) nanoseconds = 0;
        PaddedCounters c = _lines[line];
        c.Increment((int)FeedLineCounter.LeadCount);
        c.Add((int)FeedLineCounter.LeadSumNs, nanoseconds);
        c.Max((int)FeedLineCounter.LeadMaxNs, nanoseconds);
        _leads[line].RecordValue(Math.Max(1, nanoseconds));
    }
}
