using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Time;

/// <summary>
/// Cost of one timestamp, per candidate clock. Goal: the cheapest source that is monotonic across cores.
/// Stopwatch.GetTimestamp (CLOCK_MONOTONIC via the vDSO) is the baseline a .NET user would pick.
/// Cross-core monotonicity is checked separately by ClockMonotonicityTests.
/// </summary>
[MemoryDiagnoser]
public unsafe class ClockBenchmarks
{
    [Benchmark(Baseline = true)]
    public long Stopwatch_GetTimestamp() => Stopwatch.GetTimestamp();

    [Benchmark]
    public long MonoClock_Now() => Appliance.Primitives.Time.MonoClock.Now();

    [Benchmark]
    public long MonoClock_NowUnordered() => Appliance.Primitives.Time.MonoClock.NowUnordered();

    [Benchmark]
    public long ClockGetTime_Monotonic() => ClockCandidates.ClockGetTimeNanos(ClockCandidates.CLOCK_MONOTONIC);

    [Benchmark]
    public long ClockGetTime_MonotonicRaw() => ClockCandidates.ClockGetTimeNanos(ClockCandidates.CLOCK_MONOTONIC_RAW);

    [Benchmark]
    public long ClockGetTime_MonotonicCoarse() => ClockCandidates.ClockGetTimeNanos(ClockCandidates.CLOCK_MONOTONIC_COARSE);

    [Benchmark]
    public ulong Rdtsc() => ClockCandidates.Rdtsc();

    [Benchmark]
    public ulong Rdtscp() => ClockCandidates.Rdtscp();

    [Benchmark]
    public long DateTime_UtcNow() => DateTime.UtcNow.Ticks;
}
