using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Engine;

/// <summary>The strategy thread allocates nothing per event once warm: reference strategy, full risk, exits, paper fills, decision log.</summary>
public class EngineAllocationTests
{
    [Test]
    public void Zero_bytes_per_event_after_warm_up()
    {
        using var f = new EngineFixture(seed: 11, background: true, risk: r => r with { MaxConsecutiveLosses = 0 });
        f.Run(20_000); // warm-up: indicators, JIT, first orders, the decision log's thread
        long fillsBefore = f.Engine.Orders.Fills, decisionsBefore = f.Engine.Decisions.Count;

        // Three rounds: a stray allocation by the runtime in one round should not pass as ours, nor hide ours.
        long[] allocated = new long[3];
        for (int round = 0; round < allocated.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                f.Market.Next(ref f.Event);
                f.Engine.OnEvent(in f.Event);
                if ((i & 63) == 0) f.Engine.Poll();
            }
            allocated[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        TestContext.Out.WriteLine($"allocated per round: {string.Join(", ", allocated)}; fills {f.Engine.Orders.Fills - fillsBefore}, decisions {f.Engine.Decisions.Count - decisionsBefore}");
        Assert.That(f.Engine.Orders.Fills - fillsBefore, Is.GreaterThan(0), "the measured window must include trading");
        Assert.That(allocated, Has.All.Zero);
    }
}
