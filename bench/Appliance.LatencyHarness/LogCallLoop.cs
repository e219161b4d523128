using System.Diagnostics;
using System.Runtime.CompilerServices;
using Appliance.Logging;
using Appliance.Logging.Sinks;

namespace Appliance.LatencyHarness;

/// <summary>
/// The call-site cost as LoggingCallSiteBenchmarks measures it (one log call with three arguments in a tight
/// loop, a ring big enough for the whole round, the writer draining to a file between rounds) in a few
/// seconds, for before/after comparisons without a BenchmarkDotNet run. Reports ns per call, best and median round.
/// </summary>
public static class LogCallLoop
{
    private const int Calls = 1_000_000;

    public static int Run(string[] args)
    {
        int rounds = 15;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"log-loop: unknown argument {args[i]}"); return 64;
            }
        }
        string dir = Directory.CreateTempSubdirectory("log-loop-").FullName;
        var nsPerCall = new double[rounds];
        LogCounters counters;
        using (var system = new LogSystem(new LogOptions { BufferBytes = 128 << 20, FlushOnProcessExit = false },
                   new FileSink(Path.Combine(dir, "loop.log"))))
        {
            Logger log = system.GetLogger("Bench");
            long orderId = 123_456_789;
            double price = 101.25;
            int qty = 3;
            for (int r = -3; r < rounds; r++)
            {
                long start = Stopwatch.GetTimestamp();
                Loop(log, orderId, price, qty);
                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;
                system.Flush(TimeSpan.FromMinutes(1));
                if (r >= 0) nsPerCall[r] = ns;   // three warm-up rounds
            }
            counters = system.Counters;
        }
        Directory.Delete(dir, recursive: true);
        Array.Sort(nsPerCall);
        Console.WriteLine($"log.Info($\"fill {{orderId}} px={{price}} qty={{qty}}\") in a loop, {rounds} rounds of {Calls:N0} calls");
        Console.WriteLine($"ns/call sorted: {string.Join(" ", Array.ConvertAll(nsPerCall, v => v.ToString("F2")))}");
        Console.WriteLine($"best {nsPerCall[0]:F2} ns/call; median {nsPerCall[rounds / 2]:F2} ns/call; dropped {counters.Dropped}");
        return 0;
    }

    /// <summary>The benchmark's call (long, double, int arguments), compiled fully optimised at once (as AOT does).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Loop(Logger log, long orderId, double price, int qty)
    {
        for (int i = 0; i < Calls; i++) log.Info($"fill {orderId} px={price} qty={qty}");
    }
}
