using System.Diagnostics;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;

namespace Appliance.Primitives.Tests.Time;

public class MonoClockTests
{
    [Test]
    public void Uses_the_tsc_exactly_when_the_kernel_trusts_an_invariant_tsc()
    {
        string source = File.ReadAllText("/sys/devices/system/clocksource/clocksource0/current_clocksource").Trim();
        string cpuinfo = File.ReadAllText("/proc/cpuinfo");
        bool invariant = cpuinfo.Contains(" constant_tsc") && cpuinfo.Contains(" nonstop_tsc");
        Assert.That(MonoClock.Source, Is.EqualTo(source == "tsc" && invariant ? "tsc" : "clock_monotonic"), MonoClock.Calibration);
        TestContext.Out.WriteLine($"{MonoClock.Source}: {MonoClock.Calibration}");
    }

    [Test]
    public void Converted_durations_agree_with_clock_monotonic()
    {
        // 50 ms busy interval; both clocks read back to back at each end.
        long t0 = MonoClock.Now(), s0 = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(s0).TotalMilliseconds < 50) Thread.SpinWait(20);
        long t1 = MonoClock.Now(), s1 = Stopwatch.GetTimestamp();
        double ours = MonoClock.ElapsedNanoseconds(t0, t1);
        double reference = (s1 - s0) * 1e9 / Stopwatch.Frequency;
        Assert.That(ours, Is.EqualTo(reference).Within(reference * 100e-6 + 2_000), $"{MonoClock.Calibration}");
    }

    [Test]
    public void Nanosecond_conversion_round_trips_within_a_tick()
    {
        foreach (long ns in new[] { 0L, 1L, 999L, 1_000_000L, 3_600_000_000_000L, 86_400_000_000_000L * 30, -5_000L })
        {
            long back = MonoClock.ToNanoseconds(MonoClock.FromNanoseconds(ns));
            Assert.That(Math.Abs(back - ns), Is.LessThanOrEqualTo(1_000_000_000 / MonoClock.Frequency + 1), $"{ns} ns");
        }
    }

    [Test]
    public void Absolute_timestamps_map_onto_clock_monotonic()
    {
        _ = MonoClock.Now(); // calibration (20 ms) happens on first use, not between the two reads below
        long mono = (long)((Int128)Stopwatch.GetTimestamp() * 1_000_000_000 / Stopwatch.Frequency);
        long ours = MonoClock.ToMonotonicNanoseconds(MonoClock.Now());
        Assert.That(Math.Abs(ours - mono), Is.LessThan(1_000_000), "within 1 ms of CLOCK_MONOTONIC");
    }

    [Test]
    public void Timestamps_never_go_backwards_across_cores()
    {
        if (Environment.ProcessorCount < 2) Assert.Ignore("needs two CPUs");
        // A stamps and hands its stamp to B on another core; B's stamp taken after seeing it must not be
        // smaller, and the same back. Any cross-core TSC skew larger than one hand-off shows up here.
        const int RoundTrips = 200_000;
        long mailbox = 0; // stamp, with 0 = empty
        long inversions = 0, worst = 0;
        void Side(int cpu, bool starts)
        {
            CpuAffinity.PinCurrentThread(cpu);
            for (int i = 0; i < RoundTrips; i++)
            {
                if (!starts || i > 0)
                {
                    long seen;
                    while ((seen = Volatile.Read(ref mailbox)) == 0 || (seen & 1) != (starts ? 0 : 1)) { }
                    long now = MonoClock.Now();
                    if (now < (seen >> 1)) { inversions++; worst = Math.Max(worst, (seen >> 1) - now); }
                }
                Volatile.Write(ref mailbox, (MonoClock.Now() << 1) | (starts ? 1L : 0L));
            }
        }
        var a = new Thread(() => Side(0, starts: true));
        var b = new Thread(() => Side(1, starts: false));
        a.Start(); b.Start();
        Assert.That(a.Join(TimeSpan.FromSeconds(60)) && b.Join(TimeSpan.FromSeconds(60)), Is.True, "ping-pong did not finish");
        Assert.That(inversions, Is.Zero, $"worst inversion {MonoClock.ToNanoseconds(worst)} ns");
    }

    [Test]
    public void Now_allocates_nothing()
    {
        long sum = 0;
        for (int i = 0; i < 1000; i++) sum += MonoClock.Now();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000_000; i++) sum += MonoClock.ToNanoseconds(MonoClock.Now());
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sum, Is.Not.Zero);
    }
}
