using Appliance.Admin.Commands;
using Appliance.Admin.Metrics;
using Appliance.Admin.Protocol;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Threading;

namespace Appliance.Admin.Answers;

/// <summary>
/// Stage latencies as the admin socket and metrics see them. Each stage's hot thread records into its own
/// <see cref="IntervalRecorder"/> (never waits, never allocates); a housekeeping thread calls
/// <see cref="Collect"/> every interval (or <see cref="Start"/> does), which moves the recorded values into
/// the stage's "last interval" histogram and adds them to its "since start" one. Readers (the <c>latency</c>
/// verb, metrics) only ever see those collected copies, under a lock that no hot thread takes.
/// </summary>
public sealed class LatencyTracker : IDisposable
{
    private sealed class Stage(string name, IntervalRecorder recorder, HdrHistogram interval, HdrHistogram total, long startMs)
    {
        public string Name { get; } = name;
        public IntervalRecorder Recorder { get; } = recorder;
        public HdrHistogram Interval { get; } = interval;
        public HdrHistogram Total { get; } = total;
        public long TotalStartMs = startMs;
    }

    private readonly Lock _lock = new();
    private readonly List<Stage> _stages = new();
    private readonly TimeProvider _time;
    private Thread? _collector;
    private readonly ManualResetEventSlim _stop = new();

    public LatencyTracker(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>The stage names, in the order added.</summary>
    public IReadOnlyList<string> Stages
    {
        get { lock (_lock) return _stages.ConvertAll(s => s.Name); }
    }

    /// <summary>Adds a stage and returns the recorder its hot thread records nanoseconds into (1 ns to an hour, 3 digits by default).</summary>
    public IntervalRecorder AddStage(string name, long lowestDiscernibleValue = 1, long highestTrackableValue = 3_600_000_000_000, int significantDigits = 3)
    {
        var recorder = new IntervalRecorder(lowestDiscernibleValue, highestTrackableValue, significantDigits, _time);
        AddStage(name, recorder);
        return recorder;
    }

    /// <summary>Adds a stage whose recorder already exists. Values it holds now count as the first interval.</summary>
    public void AddStage(string name, IntervalRecorder recorder)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(recorder);
        lock (_lock)
        {
            if (_stages.Exists(s => s.Name == name)) throw new ArgumentException($"stage '{name}' already exists", nameof(name));
            HdrHistogram interval = recorder.GetIntervalHistogram();
            HdrHistogram total = interval.Copy();
            _stages.Add(new Stage(name, recorder, interval, total, interval.StartTimeStamp is > 0 and < long.MaxValue ? interval.StartTimeStamp : NowMs()));
        }
    }

    /// <summary>Ends the current interval of every stage: it becomes "the last interval" and is added to "since start". Allocates nothing.</summary>
    public void Collect()
    {
        lock (_lock)
        {
            foreach (var s in _stages)
            {
                s.Recorder.GetIntervalHistogram(s.Interval);
                s.Total.Add(s.Interval);
            }
        }
    }

    /// <summary>Calls <see cref="Collect"/> every <paramref name="interval"/> on a background thread until disposed.</summary>
    public void Start(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "must be positive");
        lock (_lock)
        {
            if (_collector is not null) throw new InvalidOperationException("already started");
            _collector = NamedThread.Create("latency-collect", () =>
            {
                while (!_stop.Wait(interval)) Collect();
            });
            _collector.Start();
        }
    }

    /// <summary>Discards everything recorded for one stage (or all): both windows start afresh now.</summary>
    /// <exception cref="AdminException">not_found for an unknown stage.</exception>
    public void Reset(string? stage = null)
    {
        lock (_lock)
        {
            foreach (var s in Select(stage))
            {
                s.Recorder.Reset();
                s.Interval.Reset();
                s.Total.Reset();
                s.TotalStartMs = NowMs();
                s.Interval.StartTimeStamp = s.TotalStartMs;
                s.Interval.EndTimeStamp = s.TotalStartMs;
            }
        }
    }

    /// <summary>The handler of <c>latency [STAGE] [--hgrm] [--reset]</c> (register with <see cref="StandardVerbs.Latency"/>).</summary>
    public AdminCommandHandler CreateCommand() => ctx =>
    {
        string? stage = ctx.Arguments["STAGE"];
        bool reset = ctx.Arguments.Has("--reset");
        lock (_lock)
        {
            var selected = Select(stage);
            LatencyAnswer.Write(ctx.Json, selected.Select(View), ctx.Arguments.Has("--hgrm"));
            if (reset) Reset(stage);
        }
        ctx.Json.WriteBoolean("reset", reset);
    };

    /// <summary>
    /// Publishes every stage as one Prometheus summary family (label <c>stage</c>): quantiles of the last
    /// interval in seconds, <c>_sum</c> and <c>_count</c> since start (see docs/admin-protocol.md for why a summary).
    /// </summary>
    public void RegisterMetrics(MetricsRegistry metrics, string name = "appliance_stage_latency_seconds",
        string help = "Stage latency: quantiles over the last collection interval, sum and count since start.")
    {
        metrics.AddCollector(writer =>
        {
            lock (_lock)
            {
                if (_stages.Count == 0) return;
                writer.BeginFamily(name, help, MetricType.Summary);
                foreach (var s in _stages)
                    writer.WriteHdrSummary(name, ["stage"], [s.Name], s.Interval, s.Total, divisor: 1e9);
            }
        });
    }

    public void Dispose()
    {
        _stop.Set();
        _collector?.Join();
    }

    private LatencyStageView View(Stage s) => new(s.Name,
        new LatencyWindow(s.Interval, s.Interval.StartTimeStamp, s.Interval.EndTimeStamp),
        new LatencyWindow(s.Total, s.TotalStartMs, s.Interval.EndTimeStamp > s.TotalStartMs ? s.Interval.EndTimeStamp : NowMs()));

    private List<Stage> Select(string? stage)
    {
        if (stage is null) return _stages;
        foreach (var s in _stages)
            if (s.Name == stage) return [s];
        throw AdminException.NotFound($"no latency stage '{stage}'; stages: {(_stages.Count == 0 ? "none" : string.Join(", ", _stages.Select(s => s.Name)))}");
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
