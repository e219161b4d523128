using Appliance.Logging;
using Appliance.Logging.Extensions;
using Appliance.Logging.Sinks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using NLog.Targets;
using NLog.Targets.Wrappers;
using Serilog;
using Serilog.Sinks.Async;
using MelLogger = Microsoft.Extensions.Logging.ILogger;
using MelLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Appliance.Benchmarks.Logging;

/// <summary>
/// The cost of one log call with three arguments on the calling thread, everything else on background threads
/// writing to a file. Goal (issue 8): ours ≤ 20 ns p50 and 0 B, ≥ 5x faster than the best peer.
///
/// Each iteration makes <see cref="Calls"/> calls into queues big enough to hold them all, and the cleanup
/// waits for the background writers to drain, so every call is measured on its normal path (not on a
/// full queue's drop path). Peers are set up as their documentation recommends for low overhead:
/// <list type="bullet">
/// <item>MEL: a [LoggerMessage] source-generated method (the documented high-performance pattern: level check,
/// no params array, cached template) over our provider (MEL ships no file provider); the message is formatted
/// on the caller, then copied into our ring.</item>
/// <item>Serilog 3.1.1: WriteTo.Async (Serilog.Sinks.Async, "for sinks that block") around WriteTo.File with
/// buffered: true; the generic Information&lt;T0,T1,T2&gt; overload (no params array).</item>
/// <item>NLog 6: AsyncTargetWrapper around a FileTarget with KeepFileOpen and AutoFlush off (NLog's
/// "performance" wiki); the generic Info&lt;T1,T2,T3&gt; overload.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Calls)]
public partial class LoggingCallSiteBenchmarks
{
    private const int Calls = 1_000_000;

    private string _dir = null!;
    private LogSystem _ours = null!;
    private Appliance.Logging.Logger _log = null!;
    private ILoggerFactory _melFactory = null!;
    private MelLogger _mel = null!;
    private Serilog.Core.Logger _serilog = null!;
    private readonly SerilogQueue _serilogQueue = new();
    private NLog.LogFactory _nlogFactory = null!;
    private NLog.Logger _nlog = null!;

    private long _orderId = 123_456_789;
    private double _price = 101.25;
    private int _qty = 3;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("logbench-").FullName;

        // A ring that holds a whole iteration (1 M records of ~40 B; MEL's formatted strings are ~70 B).
        _ours = new LogSystem(new LogOptions { BufferBytes = 128 << 20, FlushOnProcessExit = false },
            new FileSink(Path.Combine(_dir, "ours.log")));
        _log = _ours.GetLogger("Bench");

        _melFactory = LoggerFactory.Create(b => b.SetMinimumLevel(MelLevel.Information).AddAppliance(_ours));
        _mel = _melFactory.CreateLogger("Bench.Mel");

        _serilog = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Async(a => a.File(Path.Combine(_dir, "serilog.log"), buffered: true),
                bufferSize: Calls + 10_000, blockWhenFull: false, monitor: _serilogQueue)
            .CreateLogger();

        var file = new FileTarget("file")
        {
            FileName = Path.Combine(_dir, "nlog.log"),
            KeepFileOpen = true,
            AutoFlush = false,
            Layout = "${longdate} ${level:uppercase=true} ${logger} ${message}",
        };
        var async = new AsyncTargetWrapper("async", file)
        {
            QueueLimit = Calls + 10_000,
            OverflowAction = AsyncTargetWrapperOverflowAction.Discard,
        };
        var config = new NLog.Config.LoggingConfiguration();
        config.AddRule(NLog.LogLevel.Info, NLog.LogLevel.Fatal, async);
        _nlogFactory = new NLog.LogFactory { Configuration = config };
        _nlog = _nlogFactory.GetLogger("Bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// ours: dropped {_ours.Counters.Dropped} of {_ours.Counters.LinesWritten + _ours.Counters.Dropped}; " +
                          $"serilog dropped {_serilogQueue.Inspector?.DroppedMessagesCount}");
        _melFactory.Dispose();
        _ours.Dispose();
        _serilog.Dispose();
        _nlogFactory.Shutdown();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Description = "Appliance log.Info($\"...\")")]
    public void Appliance() => _log.Info($"fill {_orderId} px={_price} qty={_qty}");

    [Benchmark(Baseline = true, Description = "MEL [LoggerMessage]")]
    public void MelLoggerMessage() => Fill(_mel, _orderId, _price, _qty);

    [Benchmark(Description = "Serilog async file")]
    public void SerilogAsyncFile() => _serilog.Information("fill {OrderId} px={Price} qty={Qty}", _orderId, _price, _qty);

    [Benchmark(Description = "NLog async file")]
    public void NLogAsyncFile() => _nlog.Info("fill {OrderId} px={Price} qty={Qty}", _orderId, _price, _qty);

    [IterationCleanup(Targets = [nameof(Appliance), nameof(MelLoggerMessage)])]
    public void DrainOurs() => _ours.Flush(TimeSpan.FromMinutes(1));

    [IterationCleanup(Target = nameof(SerilogAsyncFile))]
    public void DrainSerilog() => SpinWait.SpinUntil(() => _serilogQueue.Inspector!.Count == 0, TimeSpan.FromMinutes(1));

    [IterationCleanup(Target = nameof(NLogAsyncFile))]
    public void DrainNLog() => _nlogFactory.Flush(TimeSpan.FromMinutes(1));

    [LoggerMessage(Level = MelLevel.Information, Message = "fill {OrderId} px={Price} qty={Qty}")]
    private static partial void Fill(MelLogger logger, long orderId, double price, int qty);

    /// <summary>Serilog's async sink reports its queue here, so the cleanup can wait for it to drain.</summary>
    private sealed class SerilogQueue : IAsyncLogEventSinkMonitor
    {
        public IAsyncLogEventSinkInspector? Inspector { get; private set; }
        public void StartMonitoring(IAsyncLogEventSinkInspector inspector) => Inspector = inspector;
        public void StopMonitoring(IAsyncLogEventSinkInspector inspector) => Inspector = null;
    }
}
