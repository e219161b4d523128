using Appliance.Trading.Config;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Shadow;

public class ShadowModeTests
{
    private static EngineFixture WithShadow(Func<StrategyConfig, StrategyConfig> shadow, int seed = 11, bool background = false) =>
        new(seed: seed, background: background, risk: r => r with { MaxConsecutiveLosses = 0 },
            trading: t => t with { Shadow = shadow(EngineFixture.QuickStrategy) });

    [Test]
    public void A_shadow_with_the_live_configuration_decides_the_same()
    {
        using EngineFixture f = WithShadow(s => s);
        f.Run(30_000);
        TestContext.Out.WriteLine($"shadow intents {f.Engine.Shadow!.Intents}, divergences {f.Engine.Shadow.Divergences}, live fills {f.Engine.Orders.Fills}");
        foreach (string d in f.Engine.Shadow.ReadSnapshot().Recent) TestContext.Out.WriteLine(d);
        Assert.That(f.Engine.Shadow.Intents, Is.GreaterThan(10));
        Assert.That(f.Engine.Shadow.Divergences, Is.Zero);
    }

    [Test]
    public void A_different_shadow_configuration_reports_its_divergences()
    {
        using EngineFixture f = WithShadow(s => s with { Indicators = s.Indicators with { EmaFast = 4, EmaSlow = 12 } });
        f.Run(30_000);
        Assert.That(f.Engine.Shadow!.Divergences, Is.GreaterThan(0));
        f.Engine.Poll();
        ShadowSnapshot snap = f.Engine.ReadSnapshot()!.Risk.Shadow!;
        Assert.That(snap.Strategy, Is.EqualTo("ema-crossover"));
        Assert.That(snap.Divergences, Is.EqualTo(f.Engine.Shadow.Divergences));
        Assert.That(snap.Recent, Is.Not.Empty);
        Assert.That(snap.Recent[0], Does.StartWith("event ").And.Contain("BTC-USDT").And.Contain("live ").And.Contain("shadow "));
    }

    [Test]
    public void The_shadow_sends_nothing_the_live_decision_log_is_the_same_with_or_without_it()
    {
        string? without, with;
        using (var f = new EngineFixture(seed: 11, risk: r => r with { MaxConsecutiveLosses = 0 }))
        {
            f.Run(20_000);
            without = f.Engine.DecisionDigest(TimeSpan.FromSeconds(10));
        }
        using (EngineFixture f = WithShadow(s => s with { Indicators = s.Indicators with { EmaFast = 4, EmaSlow = 12 } }))
        {
            f.Run(20_000);
            with = f.Engine.DecisionDigest(TimeSpan.FromSeconds(10));
            Assert.That(f.Engine.Shadow!.Divergences, Is.GreaterThan(0));
        }
        Assert.That(with, Is.EqualTo(without));
    }

    [Test]
    public void Shadow_mode_allocates_nothing_per_event()
    {
        using EngineFixture f = WithShadow(s => s with { Indicators = s.Indicators with { EmaFast = 4, EmaSlow = 12 } }, background: true);
        f.Run(20_000);
        long divergences = f.Engine.Shadow!.Divergences;
        long before = GC.GetAllocatedBytesForCurrentThread();
        f.Run(20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(f.Engine.Shadow.Divergences, Is.GreaterThan(divergences), "the window must contain divergences");
        Assert.That(allocated, Is.Zero);
    }
}
