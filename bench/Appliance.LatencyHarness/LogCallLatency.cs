using Appliance.Logging;
using Appliance.Logging.Sinks;
using Appliance.Primitives.FixedPoint;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;

namespace Appliance.LatencyHarness;

/// <summary>
/// The latency distribution of one log call (three arguments) on a pinned thread, the writer thread pinned
/// to another CPU and writing to a file. Each call is bracketed by two MonoClock stamps; the same bracket
/// around nothing (the clock floor) is measured in alternating rounds of the same run and reported beside it.
/// Calls are paced (--rate per second) so the writer keeps up and every call takes its normal path; drops,
/// if any, are reported. Goal (issue 8): p50 ≤ 20 ns, p99.9 ≤ 100 ns, 0 bytes allocated.
/// </summary>
public static class LogCallLatency
{
    private const int CallsPerRound = 100_000;

    public static int Run(string[] args)
    {
        double seconds = 3;
        long rate = 1_000_000;
        int ringBytes = 16 << 20;
        int cpuCaller = 0, cpuWriter = Math.Min(1, Environment.ProcessorCount - 1);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rate": rate = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--ring-bytes": ringBytes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--cpus":
                    string[] parts = args[++i].Split(',');
                    cpuCaller = int.Parse(parts[0]);
                    cpuWriter = int.Parse(parts[1]);
                    break;
                default: Console.Error.WriteLine($"log: unknown argument {args[i]}"); return 64;
            }
        }

        string dir = Directory.CreateTempSubdirectory("log-latency-").FullName;
        var options = new LogOptions { BufferBytes = ringBytes, FlushOnProcessExit = false, WriterCpus = CpuSet.Of(cpuWriter) };
        var calls = new HdrHistogram(1, 10_000_000, 3);
        var floor = new HdrHistogram(1, 10_000_000, 3);
        long allocated = 0;
        LogCounters counters;
        using (var system = new LogSystem(options, new FileSink(Path.Combine(dir, "latency.log"))))
        {
            Logger log = system.GetLogger("Latency");
            long spacing = MonoClock.Frequency / Math.Max(1, rate);
            long deadline = MonoClock.Now() + MonoClock.FromNanoseconds((long)(seconds * 1e9));
            var caller = PinnedThread.Start(new PinnedThreadOptions { Name = "log-caller", Cpus = CpuSet.Of(cpuCaller) }, () =>
            {
                system.ConfigureCurrentThread(criticalWait: TimeSpan.Zero);
                var price = new Price(10125, 2);
                var qty = new Quantity(3, 0);
                long orderId = 1;
                bool warm = false;
                long allocatedBefore = 0;
                for (int round = 0; ; round++)
                {
                    // Alternate the call and the floor so drift of the machine hits both equally.
                    bool measureCall = round % 2 == 0;
                    HdrHistogram h = measureCall ? calls : floor;
                    long next = MonoClock.Now();
                    for (int i = 0; i < CallsPerRound; i++)
                    {
                        while (MonoClock.Now() < next) Thread.SpinWait(1);
                        next += spacing;
                        long t0 = MonoClock.Now();
                        if (measureCall) log.Info($"fill {orderId++} px={price} qty={qty}");
                        long t1 = MonoClock.Now();
                        if (warm) h.RecordValue(Math.Max(1, MonoClock.ToNanoseconds(t1 - t0)));
                    }
                    if (round == 1)
                    {
                        warm = true;
                        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                    }
                    if (warm && !measureCall && MonoClock.Now() > deadline) break;
                }
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            });
            if (!caller.Report.Started || caller.Report.Warnings.Count > 0) Console.Error.WriteLine($"log: {caller.Report}");
            caller.Join(TimeSpan.FromMinutes(10));
            system.Flush(TimeSpan.FromSeconds(30));
            counters = system.Counters;
        }
        Directory.Delete(dir, recursive: true);

        Console.WriteLine($"clock: {MonoClock.Source} ({MonoClock.Calibration})");
        Console.WriteLine($"caller on CPU {cpuCaller}, writer on CPU {cpuWriter}, {rate:N0} calls/s paced, ring {ringBytes:N0} bytes");
        Console.WriteLine();
        Console.WriteLine("log.Info($\"fill {orderId} px={price} qty={qty}\") between two MonoClock stamps (ns):");
        calls.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine("The two stamps around nothing, the floor (ns):");
        floor.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"{"percentile",-10} {"call ns",9} {"floor ns",9} {"call-floor",10}");
        foreach (double p in new[] { 50, 90, 99, 99.9, 99.99 })
        {
            long c = calls.GetValueAtPercentile(p), f = floor.GetValueAtPercentile(p);
            Console.WriteLine($"{p,-10} {c,9} {f,9} {c - f,10}");
        }
        Console.WriteLine($"{"max",-10} {calls.MaxValue,9} {floor.MaxValue,9}");
        Console.WriteLine($"samples {calls.TotalCount}; lines written {counters.LinesWritten}, dropped {counters.Dropped}; " +
                          $"bytes allocated by the caller while measuring: {allocated}");
        return 0;
    }
}
