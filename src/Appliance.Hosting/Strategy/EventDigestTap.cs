using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.MarketData.Replay;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// Digests the events the strategy thread consumed, one <see cref="EventDigest"/> per feed ring, exactly as
/// `appliance replay` digests a journal per feed group, so a live session's event digest can be compared with
/// its replay's (<c>trading.decisionLog.eventDigest</c>). The strategy thread only copies each event's header
/// and levels into an SPSC ring (as the feed's ring sink does); a thread of its own hashes them. A full ring
/// drops the event and counts it: the digest then no longer covers the session, and says so.
/// </summary>
public sealed class EventDigestTap : IDisposable
{
    private readonly SpscRing<MarketEvent>[] _rings;
    private readonly EventDigest[] _digests;
    private readonly long[] _dropped;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private bool _finished;

    public EventDigestTap(int rings, int capacity = 16_384)
    {
        _rings = new SpscRing<MarketEvent>[rings];
        _digests = new EventDigest[rings];
        _dropped = new long[rings];
        for (int i = 0; i < rings; i++)
        {
            _rings[i] = new SpscRing<MarketEvent>(capacity, $"strategy → event digest {i}");
            _digests[i] = new EventDigest();
        }
        _thread = NamedThread.Create("event-digest", Run);
        _thread.Start();
    }

    /// <summary>Strategy thread: one consumed event of ring <paramref name="ring"/>. Never blocks, never allocates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int ring, in MarketEvent ev)
    {
        SpscRing<MarketEvent> r = _rings[ring];
        if (!r.TryClaim(out long slot))
        {
            Volatile.Write(ref _dropped[ring], _dropped[ring] + 1);
            return;
        }
        // Only the header and the levels in use: what the digest reads.
        int bytes = MarketEvent.HeaderSize + ev.LevelCount * Unsafe.SizeOf<BookLevel>();
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<MarketEvent, byte>(ref r[slot]), ref Unsafe.As<MarketEvent, byte>(ref Unsafe.AsRef(in ev)), (uint)bytes);
        r.Publish(slot);
    }

    /// <summary>Events dropped at a full tap ring so far (any thread).</summary>
    public long Dropped
    {
        get
        {
            long n = 0;
            for (int i = 0; i < _dropped.Length; i++) n += Volatile.Read(ref _dropped[i]);
            return n;
        }
    }

    private void Run()
    {
        var wait = new BlockingWait(TimeSpan.FromMilliseconds(2));
        while (true)
        {
            bool stopping = _stopping; // read before draining: nothing appended before the stop is missed
            int n = DrainAll();
            if (stopping) return;
            if (n == 0) _rings[0].WaitForData(ref wait, TimeSpan.FromMilliseconds(20));
        }
    }

    private int DrainAll()
    {
        int n = 0;
        for (int i = 0; i < _rings.Length; i++)
        {
            SpscRing<MarketEvent> r = _rings[i];
            while (r.TryPeek(out long seq))
            {
                _digests[i].Append(in r[seq]);
                r.Release(seq);
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// After the strategy thread ended: the digest over every ring in ring order (<see cref="EventDigest.Combine"/>,
    /// as replay prints it), the events digested and the events dropped.
    /// </summary>
    public (string Digest, long Events, long Dropped) Finish()
    {
        if (!_finished)
        {
            _finished = true;
            _stopping = true;
            _thread.Join();
        }
        long events = 0;
        var hashes = new List<byte[]>(_digests.Length);
        foreach (EventDigest d in _digests)
        {
            events += d.Events;
            hashes.Add(d.Hash);
        }
        return (Convert.ToHexStringLower(EventDigest.Combine(hashes)), events, Dropped);
    }

    public void Dispose()
    {
        Finish();
        foreach (EventDigest d in _digests) d.Dispose();
    }
}
