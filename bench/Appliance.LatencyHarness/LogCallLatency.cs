using System.Runtime.CompilerServices;
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
        double pollMs = 1;
        bool touch = false;
        int cpuCaller = 0, cpuWriter = Math.Min(1, Environment.ProcessorCount - 1);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rate": rate = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--ring-bytes": ringBytes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--touch": touch = true; break;
                case "--poll-ms": pollMs = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--cpus":
                    string[] parts = args[++i].Split(',');
                    cpuCaller = int.Parse(parts[0]);
                    cpuWriter = int.Parse(parts[1]);
                    break;
                default: Console.Error.WriteLine($"log: unknown argument {args[i]}"); return 64;
            }
        }

        string dir = Directory.CreateTempSubdirectory("log-latency-").FullName;
        var options = new LogOptions { BufferBytes = ringBytes, FlushOnProcessExit = false, WriterCpus = CpuSet.Of(cpuWriter),
            PollInterval = TimeSpan.FromMilliseconds(pollMs), FlushInterval = TimeSpan.FromMilliseconds(Math.Max(100, pollMs)) };
        var calls = new HdrHistogram(1, 10_000_000, 3);
        var floor = new HdrHistogram(1, 10_000_000, 3);
        var callSum = new TrimmedSum();
        var floorSum = new TrimmedSum();
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
                uint dither = 0x9E3779B9;
                bool warm = false;
                long allocatedBefore = 0;
                for (int round = 0; ; round++)
                {
                    // Alternate the call and the floor so drift of the machine hits both equally.
                    bool measureCall = round % 2 == 0;
                    Round(log, measureCall ? calls : floor, measureCall ? callSum : floorSum, measureCall, touch, warm, spacing,
                        ref orderId, ref dither, price, qty);
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
        Console.WriteLine($"caller on CPU {cpuCaller}, writer on CPU {cpuWriter}, {rate:N0} calls/s paced, ring {ringBytes:N0} bytes, writer polls every {pollMs} ms");
        Console.WriteLine();
        Console.WriteLine("log.Info($\"fill {orderId} px={price} qty={qty}\") between two MonoClock stamps (ns):");
        calls.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine(touch
            ? $"The two stamps around {MemoryTouch.Lines} loads from distinct cache lines and a 48-byte store into a 16 MiB ring, the floor (ns):"
            : "The two stamps around nothing, the floor (ns):");
        floor.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"{"percentile",-10} {"call ns",9} {"floor ns",9} {"call-floor",10}");
        foreach (double p in new[] { 50, 90, 99, 99.9, 99.99 })
        {
            long c = calls.GetValueAtPercentile(p), f = floor.GetValueAtPercentile(p);
            Console.WriteLine($"{p,-10} {c,9} {f,9} {c - f,10}");
        }
        Console.WriteLine($"{"max",-10} {calls.MaxValue,9} {floor.MaxValue,9}");
        Console.WriteLine($"{"mean<1us",-10} {callSum.Mean,9:F1} {floorSum.Mean,9:F1} {callSum.Mean - floorSum.Mean,10:F1}" +
                          $"   (samples of 1 us or more left out of the means: calls {callSum.Excluded}, floor {floorSum.Excluded})");
        Console.WriteLine($"samples {calls.TotalCount}; lines written {counters.LinesWritten}, dropped {counters.Dropped}; " +
                          $"bytes allocated by the caller while measuring: {allocated}");
        return 0;
    }

    /// <summary>
    /// One round of paced samples. Compiled fully optimised at once, as the AOT binary compiles the daemon's
    /// call sites (no tier-0, no on-stack replacement of the loop, no dynamic PGO): the call site measured is
    /// the one production runs. Each sample starts after a random 0-7 pause instructions, so its phase against
    /// the clock's steps (the TSC here advances in steps of ~10 ns) is random and the means are unbiased.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Round(Logger log, HdrHistogram h, TrimmedSum sum, bool measureCall, bool touch, bool record, long spacing,
        ref long orderId, ref uint dither, Price price, Quantity qty)
    {
        long next = MonoClock.Now();
        for (int i = 0; i < CallsPerRound; i++)
        {
            while (MonoClock.Now() < next) Thread.SpinWait(1);
            next += spacing;
            dither ^= dither << 13;
            dither ^= dither >> 17;
            dither ^= dither << 5;
            Thread.SpinWait((int)(dither & 7));
            long t0 = MonoClock.Now();
            if (measureCall) log.Info($"fill {orderId++} px={price} qty={qty}");
            else if (touch) MemoryTouch.Run();
            long t1 = MonoClock.Now();
            if (!record) continue;
            long ns = Math.Max(1, MonoClock.ToNanoseconds(t1 - t0));
            h.RecordValue(ns);
            sum.Add(ns);
        }
    }

    /// <summary>
    /// A call's memory footprint without its logic (--touch): loads from as many distinct cache lines as the log
    /// call reads (logger, thread's ring, its cursors, call-site table and entry, clock stub) and a store the
    /// size of its record into a ring that advances like the log ring. Whatever the machine does to those lines
    /// between calls (a neighbour on the core's caches, page-table scans) shows in this floor too.
    /// </summary>
    private static unsafe class MemoryTouch
    {
        public const int Lines = 8;
        private const int RingBytes = 16 << 20;
        private static readonly byte* Hot = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(Lines * 4096, 4096);
        private static readonly byte* Ring = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(RingBytes, 4096);
        private static long s_pos;
        private static long s_sink;

        static MemoryTouch()
        {
            new Span<byte>(Hot, Lines * 4096).Fill(1);
            new Span<byte>(Ring, RingBytes).Clear();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Run()
        {
            long sum = 0;
            for (int i = 0; i < Lines; i++) sum += *(long*)(Hot + i * 4096 + i * 64);
            byte* record = Ring + (s_pos & (RingBytes - 1));
            *(long*)record = sum;
            *(long*)(record + 8) = sum;
            *(long*)(record + 16) = sum;
            *(long*)(record + 24) = sum;
            *(long*)(record + 32) = sum;
            *(long*)(record + 40) = sum;
            s_pos += 48;
            s_sink = sum;
        }
    }

    /// <summary>
    /// Mean of the samples under 1 us: the preemptions of a shared machine (milliseconds) would otherwise swamp
    /// it. With the random phase above, the mean resolves differences well below the clock's 10 ns step.
    /// </summary>
    private sealed class TrimmedSum
    {
        private long _sum, _count;
        public long Excluded { get; private set; }
        public double Mean => _count == 0 ? 0 : (double)_sum / _count;

        public void Add(long ns)
        {
            if (ns >= 1000)
            {
                Excluded++;
                return;
            }
            _sum += ns;
            _count++;
        }
    }
}
