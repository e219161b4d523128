using System.Runtime.InteropServices;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;

namespace Appliance.LatencyHarness;

/// <summary>
/// Cross-core hop latency. Two threads pinned to different cores bounce one event there and back, through
/// two SpscRing&lt;HopEvent&gt; (the hand-off the feed and strategy threads use) and, in alternating rounds of
/// the same run, through two bare cache lines written with Volatile (the physical floor: one line transfer
/// each way). Round trips go into our HdrHistogram in nanoseconds. Goal: ring p50 ≤ 1.3x the floor.
/// </summary>
public static class HopLatency
{
    /// <summary>56 bytes: with the ring's 8-byte publication stamp a slot is exactly one cache line.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 56)]
    private struct HopEvent
    {
        public long Sequence;
        public long Stamp;
    }

    [StructLayout(LayoutKind.Explicit, Size = 384)]
    private struct PingPongLines
    {
        [FieldOffset(128)] public long Ping;
        [FieldOffset(256)] public long Pong;
    }

    private const int RoundsPerPhase = 200_000;

    public static int Run(string[] args)
    {
        double seconds = 3;
        int cpuA = 0, cpuB = Math.Min(1, Environment.ProcessorCount - 1);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--cpus":
                    var parts = args[++i].Split(',');
                    cpuA = int.Parse(parts[0]); cpuB = int.Parse(parts[1]);
                    break;
                default: Console.Error.WriteLine($"hop: unknown argument {args[i]}"); return 64;
            }
        }
        if (cpuA == cpuB) Console.Error.WriteLine($"hop: warning: both threads on CPU {cpuA}; this measures a context switch, not a hop");

        var ring = new HdrHistogram(1, 10_000_000, 3);
        var floor = new HdrHistogram(1, 10_000_000, 3);
        var ping = new SpscRing<HopEvent>(1024, "ping");
        var pong = new SpscRing<HopEvent>(1024, "pong");
        var lines = new PingPongLines[1];

        // Phase protocol: the responder runs the phase the initiator set (1 ring, 2 lines, -1 stop) until told
        // to leave it (a ring event with sequence 0, or -1 in the ping line), then reads the phase again.
        int phase = 0;
        bool warm = false;
        var responder = PinnedThread.Start(new PinnedThreadOptions { Name = "hop-responder", Cpus = CpuSet.Of(cpuB) }, () =>
        {
            while (true)
            {
                int p = Volatile.Read(ref phase);
                if (p < 0) return;
                if (p == 1) RespondRing(ping, pong);
                else if (p == 2) RespondLines(ref lines[0]);
            }
        });
        long deadline = MonoClock.Now() + MonoClock.FromNanoseconds((long)(seconds * 1e9));
        var initiator = PinnedThread.Start(new PinnedThreadOptions { Name = "hop-initiator", Cpus = CpuSet.Of(cpuA) }, () =>
        {
            long seq = 1;
            Volatile.Write(ref phase, 1);
            for (int round = 0; ; round++)
            {
                // Alternate phases so drift of the machine (other load, frequency) hits both equally.
                bool useRing = round % 2 == 0;
                var h = useRing ? ring : floor;
                for (int i = 0; i < RoundsPerPhase; i++, seq++)
                {
                    long rtt = useRing ? HopRing(ping, pong, seq) : HopLines(ref lines[0], seq);
                    if (warm) h.RecordValue(MonoClock.ToNanoseconds(rtt));
                }
                // The first two rounds warm up both paths; stop after an even number of measured rounds.
                bool done = warm && !useRing && MonoClock.Now() > deadline;
                if (round == 1) warm = true;
                // The next phase is set before the responder is told to leave this one, so it never re-enters the old one.
                Volatile.Write(ref phase, done ? -1 : useRing ? 2 : 1);
                if (useRing) SendRingStop(ping); else Volatile.Write(ref lines[0].Ping, -1);
                if (done) break;
            }
        });
        foreach (var t in new[] { initiator, responder })
            if (!t.Report.Started || t.Report.Warnings.Count > 0) Console.Error.WriteLine($"hop: {t.Report}");
        initiator.Join(TimeSpan.FromMinutes(5));
        responder.Join(TimeSpan.FromSeconds(10));

        Console.WriteLine($"clock: {MonoClock.Source} ({MonoClock.Calibration})");
        Console.WriteLine($"threads: initiator on CPU {initiator.Report.Affinity}, responder on CPU {responder.Report.Affinity}");
        Console.WriteLine();
        Console.WriteLine("Round trip through two SpscRing<56-byte event> (ns):");
        ring.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine("Round trip through two bare cache lines, the floor (ns):");
        floor.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"{"percentile",-10} {"ring ns",9} {"floor ns",9} {"ratio",6}");
        foreach (double p in new[] { 50, 90, 99, 99.9, 99.99 })
        {
            long r = ring.GetValueAtPercentile(p), f = floor.GetValueAtPercentile(p);
            Console.WriteLine($"{p,-10} {r,9} {f,9} {(double)r / Math.Max(1, f),6:F2}");
        }
        Console.WriteLine($"{"max",-10} {ring.MaxValue,9} {floor.MaxValue,9}");
        Console.WriteLine($"samples: ring {ring.TotalCount}, floor {floor.TotalCount}; one-way hop ≈ half the round trip");
        return 0;
    }

    private static long HopRing(SpscRing<HopEvent> ping, SpscRing<HopEvent> pong, long seq)
    {
        long start = MonoClock.Now();
        long s;
        while (!ping.TryClaim(out s)) { }
        ref var e = ref ping[s];
        e.Sequence = seq;
        e.Stamp = start;
        ping.Publish(s);
        long r;
        while (!pong.TryPeek(out r)) { }
        pong.Release(r);
        return MonoClock.Now() - start;
    }

    private static void SendRingStop(SpscRing<HopEvent> ping)
    {
        long s;
        while (!ping.TryClaim(out s)) { }
        ping[s].Sequence = 0;
        ping.Publish(s);
    }

    private static void RespondRing(SpscRing<HopEvent> ping, SpscRing<HopEvent> pong)
    {
        while (true)
        {
            long r;
            while (!ping.TryPeek(out r)) { }
            HopEvent e = ping[r];
            ping.Release(r);
            if (e.Sequence == 0) return;
            long s;
            while (!pong.TryClaim(out s)) { }
            pong[s] = e;
            pong.Publish(s);
        }
    }

    private static long HopLines(ref PingPongLines lines, long seq)
    {
        long start = MonoClock.Now();
        Volatile.Write(ref lines.Ping, seq);
        while (Volatile.Read(ref lines.Pong) != seq) { }
        return MonoClock.Now() - start;
    }

    private static void RespondLines(ref PingPongLines lines)
    {
        long last = Volatile.Read(ref lines.Pong);
        while (true)
        {
            long v;
            while ((v = Volatile.Read(ref lines.Ping)) == last || v == 0) { }
            if (v == -1) { Volatile.Write(ref lines.Ping, 0); return; }
            Volatile.Write(ref lines.Pong, v);
            last = v;
        }
    }
}
