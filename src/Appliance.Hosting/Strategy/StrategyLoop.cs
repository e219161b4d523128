using System.Runtime.CompilerServices;
using Appliance.Hosting.Config;
using Appliance.Hosting.Threads;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Time;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The strategy thread's body: polls every feed's ring in turn, applies each event to its book, runs the
/// strategy stage on it, and records three latencies per event; carries out control requests between
/// batches; bumps its heartbeat every round. Allocates nothing, takes no lock, formats nothing.
/// </summary>
public sealed class StrategyLoop
{
    private const int BatchSize = 64;
    private const int Running = 0, Stopping = 1, Frozen = 2;

    private readonly SpscRing<MarketEvent>[] _rings;
    private readonly RingConsumerState[] _state;
    private readonly BookSet _books;
    private readonly IStrategyStage _stage;
    private readonly IntervalRecorder _receiveToDecode;
    private readonly IntervalRecorder _decodeToDequeue;
    private readonly IntervalRecorder _stageLatency;
    private readonly SpinMode _spin;
    private readonly EventDigestTap? _tap;
    private volatile int _mode;
    private long _allocatedBytes;
    private long _allocationSampledAfter;
    private volatile bool _exited;

    /// <param name="tap">Digests every consumed event off the hot path (trading.decisionLog.eventDigest); its copy counts in the stage latency.</param>
    public StrategyLoop(IReadOnlyList<SpscRing<MarketEvent>> rings, BookSet books, IStrategyStage stage, StageLatencies latencies, SpinMode spin,
        EventDigestTap? tap = null)
    {
        _tap = tap;
        _rings = [.. rings];
        _state = new RingConsumerState[_rings.Length];
        _books = books;
        _stage = stage;
        _receiveToDecode = latencies.ReceiveToDecodeRecorder;
        _decodeToDequeue = latencies.DecodeToDequeueRecorder;
        _stageLatency = latencies.StageRecorder;
        _spin = spin;
    }

    public Heartbeat Heartbeat { get; } = new();

    public ControlChannel Control { get; } = new();

    public IStrategyStage Stage => _stage;

    public BookSet Books => _books;

    public EventDigestTap? Tap => _tap;

    public int RingCount => _rings.Length;

    /// <summary>Any thread: a copy of what the strategy thread has seen on ring <paramref name="index"/>.</summary>
    public RingConsumerState StateOf(int index)
    {
        ref RingConsumerState s = ref _state[index];
        return new RingConsumerState
        {
            Events = Volatile.Read(ref s.Events),
            MarketEvents = Volatile.Read(ref s.MarketEvents),
            LastMarketReceive = Volatile.Read(ref s.LastMarketReceive),
            Subscribed = Volatile.Read(ref s.Subscribed),
            Gaps = Volatile.Read(ref s.Gaps),
            DroppedEvents = Volatile.Read(ref s.DroppedEvents),
            Stales = Volatile.Read(ref s.Stales),
            Reconnects = Volatile.Read(ref s.Reconnects),
        };
    }

    /// <summary>
    /// GC.GetAllocatedBytesForCurrentThread of the strategy thread, sampled every few thousand rounds and on the first
    /// idle round after work (so a burst's cost shows as soon as the burst is done).
    /// </summary>
    public long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>Events (all rings) the loop had taken when <see cref="AllocatedBytes"/> was sampled.</summary>
    public long AllocationSampledAfter => Volatile.Read(ref _allocationSampledAfter);

    /// <summary>True once <see cref="Run"/> returned.</summary>
    public bool Exited => _exited;

    public bool IsFrozen => _mode == Frozen;

    /// <summary>Any thread: ask the loop to consume what is left in the rings and return (stop the feeds first).</summary>
    public void RequestStop() => _mode = Stopping;

    /// <summary>
    /// Test seam only (see <see cref="Lifecycle.TestSeams"/>): the loop keeps spinning but stops consuming and
    /// stops its heartbeat, as a thread stuck in a bug would. A stop request still ends it.
    /// </summary>
    internal void Freeze() => Interlocked.CompareExchange(ref _mode, Frozen, Running);

    /// <summary>The thread body.</summary>
    public void Run()
    {
        try
        {
            long rounds = 0, events = 0;
            int idle = 0;
            while (true)
            {
                int mode = _mode;
                if (mode != Running)
                {
                    if (mode == Stopping)
                    {
                        // The feeds have stopped: what is left in the rings is the end of the session.
                        DrainAll();
                        if (Control.Pending) Control.Execute(_stage);
                        break;
                    }
                    Thread.Sleep(1); // frozen: no heartbeat, no progress
                    continue;
                }
                Heartbeat.Beat();
                int taken = 0;
                for (int r = 0; r < _rings.Length; r++) taken += Drain(r);
                if (Control.Pending) Control.Execute(_stage);
                events += taken;
                if (taken == 0)
                {
                    _stage.OnIdle(MonoClock.Now());
                    if (idle == 0) SampleAllocations(events);
                    Idle(++idle);
                }
                else
                {
                    idle = 0;
                }
                if ((++rounds & 4095) == 0) SampleAllocations(events);
            }
            SampleAllocations(events);
        }
        finally
        {
            _exited = true;
        }
    }

    private void SampleAllocations(long events)
    {
        Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        Volatile.Write(ref _allocationSampledAfter, events);
    }

    /// <summary>Events taken from the rings after the stop request (the drain).</summary>
    public long DrainedEvents { get; private set; }

    private void DrainAll()
    {
        long total = 0;
        int n;
        do
        {
            n = 0;
            for (int r = 0; r < _rings.Length; r++) n += Drain(r);
            total += n;
        } while (n > 0);
        DrainedEvents = total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Drain(int r)
    {
        SpscRing<MarketEvent> ring = _rings[r];
        int n = ring.TryReadBatch(out long first, BatchSize);
        if (n == 0) return 0;
        ref RingConsumerState state = ref _state[r];
        long start = MonoClock.Now();
        for (int i = 0; i < n; i++)
        {
            ref MarketEvent ev = ref ring[first + i];
            if (ev.Kind == MarketEventKind.Status) OnStatus(ref state, in ev);
            else
            {
                // Stamps come from one clock on this box (the feed thread's MonoClock); 0 means not stamped.
                if (ev.DecodeTimestamp > ev.ReceiveTimestamp && ev.ReceiveTimestamp != 0)
                    _receiveToDecode.RecordValue(MonoClock.ElapsedNanoseconds(ev.ReceiveTimestamp, ev.DecodeTimestamp));
                if (ev.DecodeTimestamp != 0)
                    _decodeToDequeue.RecordValue(Math.Max(0, MonoClock.ElapsedNanoseconds(ev.DecodeTimestamp, start)));
                Volatile.Write(ref state.MarketEvents, state.MarketEvents + 1);
                Volatile.Write(ref state.LastMarketReceive, ev.ReceiveTimestamp);
            }
            OrderBook? book = _books.Apply(ref ev);
            _stage.OnEvent(in ev, book);
            _tap?.Append(r, in ev);
            long done = MonoClock.Now();
            _stageLatency.RecordValue(MonoClock.ElapsedNanoseconds(start, done));
            start = done;
        }
        ring.Advance(n);
        Volatile.Write(ref state.Events, state.Events + n);
        return n;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnStatus(ref RingConsumerState state, in MarketEvent ev)
    {
        switch (ev.Status)
        {
            case FeedStatus.Subscribed: Volatile.Write(ref state.Subscribed, state.Subscribed + 1); break;
            case FeedStatus.Gap: Volatile.Write(ref state.Gaps, state.Gaps + 1); break;
            case FeedStatus.Dropped: Volatile.Write(ref state.DroppedEvents, state.DroppedEvents + ev.StatusDetail); break;
            case FeedStatus.Stale: Volatile.Write(ref state.Stales, state.Stales + 1); break;
            case FeedStatus.Reconnecting: Volatile.Write(ref state.Reconnects, state.Reconnects + 1); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Idle(int round)
    {
        if (_spin == SpinMode.Busy || round < 1000)
        {
            Thread.SpinWait(1);
            return;
        }
        IdleSlow(round);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void IdleSlow(int round)
    {
        if (_spin == SpinMode.Yield || round < 1100) Thread.Yield();
        else Thread.Sleep(1);
    }
}
