using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Time;

/// <summary>
/// The one monotonic clock every stage stamps with. Ticks are TSC cycles where the TSC is invariant and the
/// kernel itself trusts it (clocksource "tsc": synchronised across cores), else <see cref="Stopwatch"/> ticks
/// (CLOCK_MONOTONIC, 1 ns). Measured (bench ClockBenchmarks): RDTSC ≈ 8.5 ns, Stopwatch ≈ 25 ns per stamp.
/// TSC ticks convert to nanoseconds by an integer multiply-shift calibrated against CLOCK_MONOTONIC at start;
/// <see cref="Calibration"/> says how well. Stopwatch ticks convert exactly. Never compare ticks across processes:
/// convert with <see cref="ToMonotonicNanoseconds"/> first. See docs/primitives.md.
/// </summary>
public static unsafe class MonoClock
{
    private const int Shift = 32;

    private static readonly delegate* unmanaged[SuppressGCTransition]<ulong> Tsc;
    private static readonly delegate* unmanaged[SuppressGCTransition]<ulong> TscUnordered;
    private static readonly bool UseTsc;
    // ns = (ticks * Mult) >> Shift; for Stopwatch on Linux Mult = 2^32 (1 tick = 1 ns).
    private static readonly ulong Mult;
    // Absolute conversion: CLOCK_MONOTONIC ns at tick OriginTicks.
    private static readonly long OriginTicks;
    private static readonly long OriginNanos;

    /// <summary>Ticks per second (calibrated for the TSC).</summary>
    public static readonly long Frequency;

    /// <summary>"tsc" or "clock_monotonic".</summary>
    public static readonly string Source;

    /// <summary>How the source was chosen and, for the TSC, the calibration's estimated error.</summary>
    public static readonly string Calibration;

    static MonoClock()
    {
        string why = TscIsTrusted();
        if (why.Length == 0)
        {
            Tsc = TscReader.TryCreate(out why);
            UseTsc = Tsc != null;
            TscUnordered = UseTsc ? (delegate* unmanaged[SuppressGCTransition]<ulong>)((byte*)Tsc + TscReader.UnorderedOffset) : null;
        }
        if (UseTsc)
        {
            var (freq, errorPpm) = CalibrateTsc(Tsc);
            Frequency = freq;
            Mult = (ulong)((UInt128)1_000_000_000 << Shift) / (ulong)freq;
            Source = "tsc";
            Calibration = $"invariant TSC at {freq / 1e6:F3} MHz, calibrated against CLOCK_MONOTONIC (±{errorPpm:F2} ppm)";
        }
        else
        {
            Frequency = Stopwatch.Frequency;
            Mult = (ulong)(((UInt128)1_000_000_000 << Shift) / (ulong)Frequency);
            Source = "clock_monotonic";
            Calibration = $"Stopwatch (CLOCK_MONOTONIC), exact; TSC not used: {why}";
        }
        OriginTicks = Now();
        OriginNanos = StopwatchNanos();
    }

    /// <summary>
    /// A timestamp ordered after every load before it (lfence; rdtsc): a stamp taken after seeing another
    /// thread's stamp is never smaller. Use it for stage latencies that cross threads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now() => UseTsc ? (long)Tsc() : Stopwatch.GetTimestamp();

    /// <summary>
    /// The same clock without the fence (~8 ns against ~18 ns here): the CPU may take it a little before the
    /// loads that precede it in program order complete, so against another core's stamp it can read up to
    /// ~100–200 ns early. For stamps that only order records loosely (log lines), never for cross-thread latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NowUnordered() => UseTsc ? (long)TscUnordered() : Stopwatch.GetTimestamp();

    /// <summary>A duration in ticks to nanoseconds (negative durations stay negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToNanoseconds(long ticks)
    {
        if (ticks >= 0) return (long)(Math.BigMul((ulong)ticks, Mult, out ulong low) << (64 - Shift) | low >> Shift);
        return -ToNanoseconds(-ticks);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ElapsedNanoseconds(long startTicks, long endTicks) => ToNanoseconds(endTicks - startTicks);

    /// <summary>Ticks for a duration in nanoseconds (rounded down).</summary>
    public static long FromNanoseconds(long nanos) =>
        nanos >= 0 ? (long)(((UInt128)(ulong)nanos << Shift) / Mult) : -FromNanoseconds(-nanos);

    /// <summary>A timestamp as CLOCK_MONOTONIC nanoseconds: comparable across processes on this boot.</summary>
    public static long ToMonotonicNanoseconds(long ticks) => OriginNanos + ToNanoseconds(ticks - OriginTicks);

    /// <summary>Empty when the TSC may be used; else the reason it may not.</summary>
    private static string TscIsTrusted()
    {
        if (Environment.GetEnvironmentVariable("APPLIANCE_CLOCK") == "monotonic") return "APPLIANCE_CLOCK=monotonic";
        string? source = ReadTrimmed("/sys/devices/system/clocksource/clocksource0/current_clocksource");
        if (source != "tsc") return $"kernel clocksource is {source ?? "unknown"}, not tsc";
        string flags = ReadTrimmed("/proc/cpuinfo") ?? "";
        if (!flags.Contains(" constant_tsc") || !flags.Contains(" nonstop_tsc")) return "no constant_tsc/nonstop_tsc";
        return "";
    }

    private static string? ReadTrimmed(string path)
    {
        try { return File.ReadAllText(path).Trim(); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// TSC cycles per second from two (TSC, CLOCK_MONOTONIC) pairs ~20 ms apart; each pair is the tightest
    /// bracket of several tries, so the error is a few tens of ns over 20 ms: well under 5 ppm.
    /// </summary>
    private static (long Frequency, double ErrorPpm) CalibrateTsc(delegate* unmanaged[SuppressGCTransition]<ulong> tsc)
    {
        var (t0, m0, w0) = Pair(tsc);
        long target = m0 + 20_000_000;
        while (StopwatchNanos() < target) Thread.SpinWait(50);
        var (t1, m1, w1) = Pair(tsc);
        double seconds = (m1 - m0) / 1e9;
        long freq = (long)((t1 - t0) / seconds);
        double errorPpm = (w0 + w1) / (double)freq / seconds * 1e6;
        return (freq, errorPpm);
    }

    private static long StopwatchNanos() => (long)((Int128)Stopwatch.GetTimestamp() * 1_000_000_000 / Stopwatch.Frequency);

    private static (long Tsc, long MonoNanos, long WidthTicks) Pair(delegate* unmanaged[SuppressGCTransition]<ulong> tsc)
    {
        long bestWidth = long.MaxValue, bestTsc = 0, bestMono = 0;
        for (int i = 0; i < 64; i++)
        {
            long a = (long)tsc();
            long m = StopwatchNanos();
            long b = (long)tsc();
            if (b - a < bestWidth) { bestWidth = b - a; bestTsc = a + (b - a) / 2; bestMono = m; }
        }
        return (bestTsc, bestMono, bestWidth);
    }
}
