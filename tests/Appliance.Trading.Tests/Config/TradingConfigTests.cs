using System.Text.Json;
using Appliance.Trading.Config;

namespace Appliance.Trading.Tests.Config;

public class TradingConfigTests
{
    private static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT"];

    /// <summary>The first JSON block of docs/trading.md: the documented example must stay valid.</summary>
    private static string DocumentedExample()
    {
        DirectoryInfo? dir = new(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "trading.md"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "docs/trading.md not found above the test directory");
        string text = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "trading.md"));
        int start = text.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        int end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end];
    }

    [Test]
    public void The_documented_example_loads_and_validates()
    {
        TradingSections s = JsonSerializer.Deserialize(DocumentedExample(), TradingJsonContext.Default.TradingSections)!;
        Assert.That(s.Trading.Gateway, Is.EqualTo(GatewayKind.Venue));
        Assert.That(s.Risk.FeedGate, Is.EqualTo(FeedGateAction.BlockEntries));
        Assert.That(s.Risk.Instruments["BTC-USDT"].MaxPositionLots, Is.EqualTo(200));
        Assert.That(s.Strategy.Indicators.Bar.Kind, Is.EqualTo(BarKindConfig.Time));
        Assert.That(s.Trading.Shadow!.Indicators.EmaSlow, Is.EqualTo(34));
        Assert.That(TradingConfigValidator.Validate(s.Trading, s.Risk, s.Strategy, Symbols), Is.Empty);
    }

    [Test]
    public void Defaults_need_only_the_traded_instruments()
    {
        var strategy = new StrategyConfig { Instruments = ["BTC-USDT"] };
        Assert.That(TradingConfigValidator.Validate(new TradingConfig(), new RiskConfig(), strategy, Symbols), Is.Empty);
    }

    [Test]
    public void Every_error_is_reported_with_its_json_path()
    {
        var trading = new TradingConfig { Gateway = GatewayKind.Venue, OrderPoolSize = 0, DecisionLog = new DecisionLogConfig { RingCapacity = 1000 } };
        var risk = new RiskConfig
        {
            Capital = 0, MaxTotalExposurePct = 150, PriceBandPct = 0.00001m, OrderBurst = 0, ReduceAtLossFraction = 1.5m,
            Instruments = new() { ["DOGE"] = new InstrumentRiskConfig { MaxOrderLots = 0 } },
        };
        var strategy = new StrategyConfig
        {
            Name = "magic", Instruments = ["BTC-USDT", "XRP", "BTC-USDT"],
            Indicators = new IndicatorConfig { EmaFast = 30, EmaSlow = 20, Bar = new BarConfig { Kind = BarKindConfig.Tick, Size = 2.5m } },
            Session = new SessionConfig { TimeZone = "Mars/Olympus", Start = "25:00", End = "10:00" },
            Exits = new ExitConfig { ProtectionPct = 0 },
        };
        List<ConfigError> errors = TradingConfigValidator.Validate(trading, risk, strategy, Symbols);
        string[] paths = errors.Select(e => e.Path).ToArray();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "$.trading.orderPoolSize", "$.trading.decisionLog.ringCapacity", "$.trading.venue",
            "$.risk.capital", "$.risk.maxTotalExposurePct", "$.risk.priceBandPct", "$.risk.orderBurst", "$.risk.reduceAtLossFraction",
            "$.risk.instruments.DOGE", "$.risk.instruments.DOGE.maxOrderLots",
            "$.strategy.name", "$.strategy.instruments[1]", "$.strategy.instruments[2]", "$.strategy.indicators.emaFast", "$.strategy.indicators.bar.size",
            "$.strategy.session.timeZone", "$.strategy.session.start", "$.strategy.exits.protectionPct",
        }));
        Assert.That(errors.First(e => e.Path == "$.risk.priceBandPct").Message, Does.Contain("4 decimals"));
        Assert.That(errors.First(e => e.Path == "$.strategy.instruments[1]").Message, Does.Contain("XRP"));
    }

    [Test]
    public void Shadow_strategy_is_validated_under_its_own_path()
    {
        var trading = new TradingConfig { Shadow = new StrategyConfig { Instruments = [] } };
        List<ConfigError> errors = TradingConfigValidator.Validate(trading, new RiskConfig(), new StrategyConfig { Instruments = ["BTC-USDT"] }, Symbols, root: "$.appliance");
        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "$.appliance.trading.shadow.instruments" }));
    }

    [Test]
    public void Unknown_properties_and_enum_names_are_refused_and_enum_case_does_not_matter()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"maxOrderLot": 5}""", TradingJsonContext.Default.RiskConfig));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"feedGate": "panic"}""", TradingJsonContext.Default.RiskConfig));
        RiskConfig r = JsonSerializer.Deserialize("""{"feedGate": "FLATTEN", "onDailyLoss": "flatten"}""", TradingJsonContext.Default.RiskConfig)!;
        Assert.That((r.FeedGate, r.OnDailyLoss), Is.EqualTo((FeedGateAction.Flatten, BreakerAction.Flatten)));
    }

    [Test]
    public void Snapshots_serialize_with_the_same_context()
    {
        using var f = new TestSupport.EngineFixture();
        f.Run(100);
        f.Engine.Poll();
        string json = JsonSerializer.Serialize(f.Engine.ReadSnapshot()!, TradingJsonContext.Default.TradingSnapshot);
        Assert.That(json, Does.Contain("\"positions\":[{\"symbol\":\"BTC-USDT\""));
        Assert.That(json, Does.Contain("\"risk\":{\"state\":\"ACTIVE\""));
    }
}
