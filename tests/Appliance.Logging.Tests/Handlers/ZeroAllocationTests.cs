using Appliance.Logging.Handlers;
using Appliance.Logging.Tests.TestSupport;
using Appliance.Primitives.FixedPoint;
using Appliance.Primitives.Time;

namespace Appliance.Logging.Tests.Handlers;

/// <summary>After a call site's first call, a log call allocates nothing on the calling thread, for every argument type.</summary>
public class ZeroAllocationTests
{
    private const int Calls = 20_000;

    // Static lambdas: created once, invoking them allocates nothing; each holds its own call site.
    private static readonly (string Name, Action<Logger> Call)[] Cases =
    [
        ("sbyte", static log => log.Info($"v={(sbyte)-3}")),
        ("byte", static log => log.Info($"v={(byte)3}")),
        ("short", static log => log.Info($"v={(short)-300}")),
        ("ushort", static log => log.Info($"v={(ushort)300}")),
        ("int", static log => log.Info($"v={42}")),
        ("uint", static log => log.Info($"v={42u}")),
        ("long", static log => log.Info($"v={42L}")),
        ("ulong", static log => log.Info($"v={42UL}")),
        ("float", static log => log.Info($"v={1.5f}")),
        ("double", static log => log.Info($"v={1.5:F2}")),
        ("bool", static log => log.Info($"v={true}")),
        ("char", static log => log.Info($"v={'c'}")),
        ("enum", static log => log.Info($"v={Side.Sell}")),
        ("flags enum", static log => log.Info($"v={Channels.Trades | Channels.Depth}")),
        ("MonoTime", static log => log.Info($"v={new MonoTime(MonoClock.Now())}")),
        ("DateTime", static log => log.Info($"v={new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc)}")),
        ("DateTimeOffset", static log => log.Info($"v={new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero)}")),
        ("utf8 span", static log => log.Info($"v={"BTCUSDT"u8}")),
        ("string", static log => log.Info($"v={"BTCUSDT"}")),
        ("null string", static log => log.Info($"v={(string?)null}")),
        ("char span", static log => log.Info($"v={"BTCUSDT".AsSpan(1, 3)}")),
        ("Price", static log => log.Info($"v={new Price(10125, 2)}")),
        ("Quantity", static log => log.Info($"v={new Quantity(3, 0)}")),
        ("decimal", static log => log.Info($"v={1.5m}")),
        ("custom formattable", static log => log.Info($"v={new Basis(7)}")),
        ("aligned int", static log => log.Info($"v={42,8}")),
        ("three args", static log => log.Info($"fill {123456789L} px={new Price(10125, 2)} qty={new Quantity(3, 0)}")),
        ("trade", static log => log.Trade($"fill {1L}")),
        ("disabled level", static log => log.Trace($"v={42}")),
    ];

    private static IEnumerable<TestCaseData> AllCases() => Cases.Select(c => new TestCaseData(c.Call).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(AllCases))]
    public void A_log_call_allocates_nothing_on_the_calling_thread_after_warm_up(Action<Logger> call)
    {
        // No call may be dropped (the drop path has its own test): a big ring, and waiting for room if the writer lags.
        using var t = new TestLog(TestLog.Options(bufferBytes: 1 << 20, blockWhenFull: true,
            level: Microsoft.Extensions.Logging.LogLevel.Debug, criticalWait: TimeSpan.Zero));
        call(t.Log);
        Assert.That(t.System.Flush(TestLog.Timeout), Is.True);

        // Three rounds: a call that allocates allocates in every round. Rarely (about one test run in ten)
        // one round is charged a single 3-6 KB chunk at a random call, with no GC and no template or ring
        // registered meanwhile; the other rounds are exactly zero. A round of zero rules out a per-call
        // allocation, and fewer bytes than calls in every round rules out one in any round.
        var rounds = new long[3];
        for (int r = 0; r < rounds.Length; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++) call(t.Log);
            rounds[r] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(rounds, Has.Some.EqualTo(0), "bytes allocated per round of " + Calls + " calls: " + string.Join(", ", rounds));
        Assert.That(rounds, Has.All.LessThan(Calls), "an allocation on every call");
        Assert.That(t.System.Counters.Dropped, Is.Zero);
    }

    [Test]
    public void A_dropped_call_allocates_nothing_either()
    {
        var stalling = new StallingSink();
        using var t = new TestLog(TestLog.Options(bufferBytes: 8192, maxRecordBytes: 512), more: stalling);
        t.Log.Error($"stall");   // a critical record: the writer flushes at once and blocks in the stalling sink
        Assert.That(stalling.WaitUntilStalled(TestLog.Timeout), Is.True);
        for (int i = 0; i < 1000; i++) t.Log.Info($"fill {i}");   // fills the ring; the rest are dropped

        var rounds = new long[3];
        for (int r = 0; r < rounds.Length; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20_000; i++) t.Log.Info($"fill {i}");
            rounds[r] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        stalling.Release();

        Assert.That(rounds, Has.Some.EqualTo(0), "bytes allocated per round: " + string.Join(", ", rounds));
        Assert.That(rounds, Has.All.LessThan(20_000));
        Assert.That(t.System.Counters.Dropped, Is.GreaterThanOrEqualTo(60_000));
    }
}
