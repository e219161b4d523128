using Appliance.Logging;
using Appliance.Logging.Sinks;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Decisions;

/// <summary>Decisions go through the logger as lines (category Trading.Decisions), written by the decision log's thread.</summary>
public class DecisionLinesTests
{
    [Test]
    public void Orders_fills_and_exits_appear_as_log_lines_with_symbols_and_decimal_prices()
    {
        var sink = new MemorySink();
        using var logs = new LogSystem(new LogOptions(), sink);
        var strategy = new ScriptedStrategy();
        var market = new SyntheticMarket(1, TestInstruments.Table());
        using var engine = new TradingEngine(new TradingEngineOptions
        {
            Instruments = TestInstruments.Table(),
            Books = market.Books,
            Risk = RiskFixture.Loose,
            Strategy = new StrategyConfig { Instruments = ["BTC-USDT"], Exits = new ExitConfig { StopLossPct = 1m, TakeProfitPct = 0, MaxHoldSeconds = 0, EmergencyMovePct = 0 } },
            StrategyOverride = strategy,
            Logs = logs,
            BackgroundDecisionLog = true,
        });
        var ev = new Appliance.MarketData.Events.MarketEvent();
        void Book(long bid, long ask) { market.NowNs += 10_000_000; market.BookAt(ref ev, 0, bid, ask); engine.OnEvent(in ev); }
        void Trade(long price) { market.NowNs += 10_000_000; market.TradeAt(ref ev, 0, price, 100); engine.OnEvent(in ev); }

        Book(9_999, 10_001);
        Trade(10_000);
        strategy.Next.Enqueue(i => i.TargetPosition(0, 1_000));
        Trade(10_000);
        Book(9_999, 10_001);
        Trade(9_900);
        Assert.That(engine.DecisionDigest(TimeSpan.FromSeconds(5)), Is.Not.Null);
        Assert.That(sink.WaitFor(lines => lines.Any(l => l.Contains("exit StopLoss")), TimeSpan.FromSeconds(5)), Is.True,
            string.Join("\n", sink.Lines));
        string[] lines = sink.Lines.Where(l => l.Contains("Trading.Decisions")).ToArray();
        Assert.That(lines, Has.Some.Contains("intent TargetPosition BTC-USDT"));
        Assert.That(lines, Has.Some.Contains("accepted BTC-USDT Buy 1.000@100.51 Strategy"), "IOC priced 0.5 % beyond the ask 100.01");
        Assert.That(lines, Has.Some.Match(@"fill \d+ BTC-USDT Buy 1\.000@100\.03 filled=1\.000"), "the ask, 1 bp worse, rounded against us to the tick");
        Assert.That(lines, Has.None.Contains("unknown order"), "the paper venue's final status after the last fill is expected");
        Assert.That(lines, Has.Some.Contains("exit StopLoss BTC-USDT position=1.000 at px=99.00"));
    }
}
