using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Decisions;

/// <summary>The same events and configuration write the same decision log, byte for byte.</summary>
public class ReplayDeterminismTests
{
    private static (string Digest, long Records, long Fills) Run(int seed, Func<Appliance.Trading.Config.StrategyConfig, Appliance.Trading.Config.StrategyConfig>? strategy = null, long idBase = 1_000_000)
    {
        using var f = new EngineFixture(seed: seed, strategy: strategy);
        f.Run(25_000);
        string digest = f.Engine.DecisionDigest(TimeSpan.FromSeconds(10))!;
        return (digest, f.Engine.Decisions.Count, f.Engine.Orders.Fills);
    }

    [Test]
    public void Replaying_the_same_events_yields_the_same_digest()
    {
        var first = Run(seed: 21);
        var second = Run(seed: 21);
        Assert.That(first.Fills, Is.GreaterThan(0), "the run must contain trading, not only market data");
        Assert.That(first.Records, Is.GreaterThan(100));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Different_decisions_give_a_different_digest()
    {
        var baseline = Run(seed: 21);
        var tighter = Run(seed: 21, strategy: s => s with { Exits = s.Exits with { StopLossPct = 0.2m } });
        Assert.That(tighter.Digest, Is.Not.EqualTo(baseline.Digest));
    }
}
