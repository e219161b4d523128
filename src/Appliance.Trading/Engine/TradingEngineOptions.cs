using Appliance.Logging;
using Appliance.MarketData.Books;
using Appliance.MarketData.Instruments;
using Appliance.Trading.Config;
using Appliance.Trading.Gateways;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Engine;

/// <summary>What the host gives a <see cref="TradingEngine"/>. Cold path.</summary>
public sealed class TradingEngineOptions
{
    public required InstrumentTable Instruments { get; init; }

    /// <summary>The books the strategy thread maintains, by instrument id (null where there is none). The engine reads them, never writes.</summary>
    public required OrderBook?[] Books { get; init; }

    public TradingConfig Trading { get; init; } = new();
    public RiskConfig Risk { get; init; } = new();
    public StrategyConfig Strategy { get; init; } = new();

    /// <summary>The gateway; null builds the paper gateway from <see cref="TradingConfig.Paper"/>. The host builds and starts a venue gateway.</summary>
    public Func<Engine.InstrumentState[], IOrderGateway>? GatewayFactory { get; init; }

    /// <summary>A strategy instance instead of the one named in the config (tests, embedding).</summary>
    public IStrategy? StrategyOverride { get; init; }

    /// <summary>Logs (category Trading, and Trading.Decisions for decision lines); null logs nothing.</summary>
    public LogSystem? Logs { get; init; }

    /// <summary>Overrides <see cref="TradingConfig.ClientOrderIdBase"/>.</summary>
    public long? ClientOrderIdBase { get; init; }

    /// <summary>Drain the decision log on its own thread (the daemon); false drains on <see cref="TradingEngine.DecisionDigest"/> (replay, tests).</summary>
    public bool BackgroundDecisionLog { get; init; }

    /// <summary>False: no decision log at all (the shadow engine, whose decisions are compared, not recorded).</summary>
    public bool RecordDecisions { get; init; } = true;

    /// <summary>Event time between snapshot publications while the market moves (publication after a command or when idle is immediate).</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}
