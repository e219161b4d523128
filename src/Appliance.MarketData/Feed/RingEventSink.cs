using System.Diagnostics;
using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Feed;

/// <summary>
/// The live hand-off: copies each message's events (header and the levels in use) into the
/// <see cref="SpscRing{T}"/> to the strategy thread and publishes them together. When the ring has no room
/// for a whole message the overload policy decides: drop it, spin up to a limit and then drop it, or drop
/// it and raise the halt flag. Every dropped event is counted, and a Dropped status event (detail: events
/// lost since the last one) goes into the ring as soon as it has room. Mutable struct, owned by the
/// processor: only the feed thread touches it.
/// </summary>
public struct RingEventSink : IFeedEventSink
{
    private readonly SpscRing<MarketEvent> _ring;
    private readonly FeedCounters _counters;
    private readonly OverloadPolicy _policy;
    private readonly long _spinTicks;
    private readonly HaltFlag? _halt;
    private long _next;       // next sequence to publish
    private long _claimedEnd; // slots [_next, _claimedEnd) are claimed from the ring and not yet published
    private long _unreported; // events dropped since the last Dropped status event

    public RingEventSink(SpscRing<MarketEvent> ring, FeedCounters counters, OverloadPolicy policy, TimeSpan spin = default, HaltFlag? halt = null)
    {
        _ring = ring ?? throw new ArgumentNullException(nameof(ring));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _policy = policy;
        _spinTicks = MonoClock.FromNanoseconds((long)spin.TotalNanoseconds);
        _halt = halt;
        if (policy == OverloadPolicy.Halt && halt is null) throw new ArgumentException("the halt policy needs a halt flag", nameof(halt));
        if (ring.Count != 0) throw new ArgumentException($"ring '{ring.Name}' must be empty and unused when its producer starts", nameof(ring));
    }

    public readonly SpscRing<MarketEvent> Ring => _ring;

    /// <summary>Events dropped and not yet reported by a Dropped status event.</summary>
    public readonly long Unreported => _unreported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        if (_unreported != 0) ReportDrops(events[0].ReceiveTimestamp);
        int n = events.Length;
        if (_claimedEnd - _next < n && !Reserve(n))
        {
            Drop(n);
            return;
        }
        long next = _next;
        for (int i = 0; i < n; i++) Copy(ref _ring[next + i], in events[i]);
        _ring.Publish(next + n - 1);
        _next = next + n;
    }

    public void Poll(long now)
    {
        if (_unreported != 0) ReportDrops(now);
    }

    // Only the header and the levels in use: a trade is 96 bytes, not 512.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref MarketEvent destination, in MarketEvent source)
    {
        int bytes = MarketEvent.HeaderSize + (source.BidCount + source.AskCount) * Unsafe.SizeOf<BookLevel>();
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<MarketEvent, byte>(ref destination),
            ref Unsafe.As<MarketEvent, byte>(ref Unsafe.AsRef(in source)), (uint)bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Reserve(int n)
    {
        if (n > _ring.Capacity) return false;
        if (TryClaim(n)) return true;
        if (_policy != OverloadPolicy.SpinThenDrop || _spinTicks <= 0) return false;

        long deadline = MonoClock.Now() + _spinTicks;
        var wait = default(BusySpinWait);
        while (true)
        {
            long left = deadline - MonoClock.Now();
            if (left <= 0) return false;
            // Waiting is not a claim: the ring counts the failed claim above once, not every spin.
            if (_ring.WaitForSpace(ref wait, TimeSpan.FromTicks(Math.Max(1, MonoClock.ToNanoseconds(left) / 100))) && TryClaim(n)) return true;
        }
    }

    private bool TryClaim(int n)
    {
        while (_claimedEnd - _next < n)
        {
            int got = _ring.TryClaimBatch((int)(n - (_claimedEnd - _next)), out long first);
            if (got == 0) return false;
            Debug.Assert(first == _claimedEnd, "someone else claimed from this sink's ring");
            _claimedEnd += got;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Drop(int n)
    {
        _counters.Add(FeedCounter.RingDrops, n);
        _counters.Increment(FeedCounter.RingDroppedMessages);
        _unreported += n;
        if (_policy == OverloadPolicy.Halt && _halt!.Raise()) _counters.Increment(FeedCounter.Halts);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportDrops(long timestamp)
    {
        if (_claimedEnd == _next && !TryClaim(1)) return;
        ref MarketEvent ev = ref _ring[_next];
        ev.ResetHeader();
        ev.Kind = MarketEventKind.Status;
        ev.Status = FeedStatus.Dropped;
        ev.InstrumentId = MarketEvent.NoInstrument;
        ev.ReceiveTimestamp = timestamp;
        ev.StatusDetail = _unreported;
        ev.DecodeTimestamp = MonoClock.Now();
        _ring.Publish(_next);
        _next++;
        _unreported = 0;
        _counters.Increment(FeedCounter.RingDropReports);
    }
}
