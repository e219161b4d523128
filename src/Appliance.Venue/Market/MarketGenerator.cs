using System.Collections.Concurrent;
using System.Diagnostics;
using Appliance.Venue.Streams;

namespace Appliance.Venue.Market;

/// <summary>
/// The simulated market: one thread owns every book and turns a seeded random walk into Binance messages in
/// the shared <see cref="MessageLog"/>. Market time advances one step at a time (step i happens at
/// epoch + i / rate), so for a given seed and epoch the log's contents never depend on timing: the thread
/// only decides <em>when</em> steps run (paced to the wall clock, or as fast as possible). Everything else —
/// snapshots, pause, order entry — runs on this thread as a command between two steps, which is what makes a
/// snapshot exactly consistent with the diffs.
/// </summary>
internal sealed partial class MarketGenerator : IDisposable
{
    private const long NanosPerSecond = 1_000_000_000;
    private const long Interval100Ns = 100_000_000;

    private readonly VenueOptions _options;
    private readonly MessageLog _log;
    private readonly InstrumentState[] _instruments;
    private readonly JsonBytes _json = new(64 * 1024);
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private long _epochNs;   // market time of step _epochStep
    private long _epochStep;
    private readonly int _decimals;
    private Xoshiro256 _rng;
    private volatile bool _stopping;
    private volatile bool _paused;
    private long _steps;
    private long _nextIntervalNs;
    private long _intervalIndex = 1;
    private long _paceTicks;
    private long _paceSteps;
    private Action? _published;

    public MarketGenerator(VenueOptions options, MessageLog log)
    {
        _options = options;
        _log = log;
        _decimals = options.Decimals;
        _rng = new Xoshiro256(options.Seed);
        _epochNs = (options.StartTimeMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) * 1_000_000;
        _nextIntervalNs = _epochNs + Interval100Ns;
        _instruments = new InstrumentState[options.Instruments.Count];
        for (int i = 0; i < _instruments.Length; i++)
        {
            long firstUpdateId = 1_000_000_000L * (i + 1) + _rng.Next(1_000_000);
            long firstTradeId = 100_000_000L * (i + 1) + _rng.Next(1_000_000);
            _instruments[i] = new InstrumentState(i, options.Instruments[i], options.DepthLevels, firstUpdateId, firstTradeId);
            Seed(_instruments[i]);
        }
        _paused = options.StartPaused;
        _thread = new Thread(Run) { IsBackground = true, Name = "venue-generator" };
    }

    public int InstrumentCount => _instruments.Length;

    /// <summary>Steps run so far (any thread).</summary>
    public long Steps => Volatile.Read(ref _steps);

    public bool Paused => _paused;

    /// <summary>Market time of the next step, Unix ns.</summary>
    public long MarketTimeNs => MarketTimeOf(Volatile.Read(ref _steps));

    /// <summary>Called on the generator thread after each batch of published messages (connections wake up).</summary>
    public void OnPublished(Action published) => _published = published;

    public void Start()
    {
        _paceTicks = Stopwatch.GetTimestamp();
        _paceSteps = 0;
        _thread.Start();
    }

    /// <summary>Runs <paramref name="command"/> on the generator thread between two steps.</summary>
    public Task<T> InvokeAsync<T>(Func<T> command)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_stopping)
        {
            done.SetException(new ObjectDisposedException(nameof(MarketGenerator), "the venue is stopping"));
            return done.Task;
        }
        _commands.Enqueue(() =>
        {
            try { done.TrySetResult(command()); }
            catch (Exception e) { done.TrySetException(e); }
        });
        _wake.Set();
        return done.Task;
    }

    /// <summary>Ids of one instrument as last published (any thread; each value is read atomically).</summary>
    public (long LastUpdateId, long LastTradeId, long LastAggTradeId) IdsOf(int instrument)
    {
        InstrumentState s = _instruments[instrument];
        return (Volatile.Read(ref s.LastUpdateId), Volatile.Read(ref s.LastTradeId), Volatile.Read(ref s.LastAggTradeId));
    }

    private void Run()
    {
        while (!_stopping)
        {
            RunCommands();
            if (_paused)
            {
                _wake.WaitOne(100);
                continue;
            }

            long rate = _options.Rate;
            long due;
            if (rate == 0) due = _steps + 1024;
            else
            {
                long elapsedNs = (long)((Stopwatch.GetTimestamp() - _paceTicks) * (double)NanosPerSecond / Stopwatch.Frequency);
                due = _paceSteps + MulDiv(elapsedNs, rate, NanosPerSecond);
                if (due - _steps > rate)
                {
                    // More than a second behind (a loaded machine, a blocked reader): run at the rate we can
                    // manage instead of bursting the backlog.
                    _paceTicks = Stopwatch.GetTimestamp();
                    _paceSteps = _steps;
                    Rebase();
                    due = _steps + Math.Max(1, rate / 1000);
                }
                if (due <= _steps)
                {
                    long nextNs = MulDiv(_steps + 1 - _paceSteps, NanosPerSecond, rate);
                    int waitMs = (int)Math.Clamp((nextNs - elapsedNs) / 1_000_000, 1, 100);
                    _wake.WaitOne(waitMs);
                    continue;
                }
            }

            long batch = Math.Min(due - _steps, 4096);
            for (long n = 0; n < batch && !_stopping; n++)
            {
                if (!Step()) break;
                if ((n & 255) == 255) _published?.Invoke(); // keep readers busy during long batches
            }
            _published?.Invoke();
        }
        RunCommands(); // let waiters see the stop rather than hang
    }

    private void RunCommands()
    {
        bool any = false;
        while (_commands.TryDequeue(out Action? command))
        {
            command();
            any = true;
        }
        if (any) _published?.Invoke();
    }

    private long MarketTimeOf(long step) =>
        _options.Rate == 0 ? _epochNs + (step - _epochStep) * 1000 : _epochNs + MulDiv(step - _epochStep, NanosPerSecond, _options.Rate);

    /// <summary>
    /// Wall-clock mode (no --start-time): after a pause, or when the generator could not keep up, market time
    /// jumps forward to now so that E stays close to the wall clock and feed latency can be read from it.
    /// With --start-time, market time only ever advances by steps, so runs stay byte-identical.
    /// </summary>
    private void Rebase()
    {
        if (_options.StartTimeMs is not null || _options.Rate == 0) return;
        long now = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        if (now <= MarketTimeOf(_steps)) return;
        _epochNs = now;
        _epochStep = _steps;
        if (_nextIntervalNs < now)
        {
            // The boundaries passed while paused or behind carried no change worth a burst of snapshots.
            long skip = (now - _nextIntervalNs) / Interval100Ns;
            _intervalIndex += skip;
            _nextIntervalNs += skip * Interval100Ns;
        }
    }

    private static long MulDiv(long a, long b, long c) => (long)((Int128)a * b / c);

    // ----- commands (generator thread) -----

    /// <summary>Stops the market after the current step; interval diffs still pending are sent first.</summary>
    public Task<PauseState> PauseAsync() => InvokeAsync(() =>
    {
        if (!_paused)
        {
            FlushPendingDiffs();
            _paused = true;
        }
        return CaptureState();
    });

    public Task<PauseState> ResumeAsync() => InvokeAsync(() =>
    {
        if (_paused)
        {
            _paused = false;
            _paceTicks = Stopwatch.GetTimestamp();
            _paceSteps = _steps;
            Rebase();
        }
        return CaptureState();
    });

    /// <summary>Runs <paramref name="count"/> steps now; only while paused.</summary>
    public Task<PauseState> StepAsync(long count) => InvokeAsync(() =>
    {
        if (!_paused) throw new InvalidOperationException("step needs the generator paused (POST /control/pause first)");
        for (long n = 0; n < count && !_stopping; n++)
        {
            if (!Step()) break;
        }
        FlushPendingDiffs();
        return CaptureState();
    });

    /// <summary>The book of one instrument, best-first, up to <paramref name="limit"/> levels a side, with its last update id.</summary>
    public Task<BookCopy> GetBookAsync(int instrument, int limit) => InvokeAsync(() =>
    {
        InstrumentState s = _instruments[instrument];
        var copy = new BookCopy(s.Spec, s.LastUpdateId, Math.Min(limit, s.Bids.Count), Math.Min(limit, s.Asks.Count));
        s.Bids.CopyTo(copy.BidPrices, copy.BidQuantities, copy.BidPrices.Length);
        s.Asks.CopyTo(copy.AskPrices, copy.AskQuantities, copy.AskPrices.Length);
        return copy;
    });

    private PauseState CaptureState()
    {
        var ids = new InstrumentIds[_instruments.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            InstrumentState s = _instruments[i];
            ids[i] = new InstrumentIds(s.Spec.Symbol, s.LastUpdateId, s.LastTradeId, s.LastAggTradeId);
        }
        return new PauseState(_paused, _steps, _log.Head, ids);
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(5));
        while (_commands.TryDequeue(out Action? command)) command(); // complete what was asked, on this thread now
        _wake.Dispose();
    }
}
