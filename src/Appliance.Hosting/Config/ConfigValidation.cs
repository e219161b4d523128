using Appliance.MarketData.Config;
using Appliance.Trading.Config;
using MarketDataError = Appliance.MarketData.Config.ConfigError;
using TradingError = Appliance.Trading.Config.ConfigError;

namespace Appliance.Hosting.Config;

/// <summary>Runs every room's section validator over a bound config; the one place that knows all sections.</summary>
internal static class ConfigValidation
{
    /// <param name="pruned">Members the shape check left out: checks that relate sections skip what they cannot see.</param>
    public static void Validate(ApplianceConfig config, ConfigErrors errors, List<ConfigError> warnings, IReadOnlyList<string> pruned)
    {
        bool instrumentsSeen = !pruned.Contains("$.instruments");
        bool feedsSeen = !pruned.Contains("$.feeds");
        var md = new List<MarketDataError>();
        MarketDataConfigValidator.ValidateInstruments(config.Instruments, "$.instruments", md);
        // Feeds are checked against the instruments; with the instruments section broken that check would only add noise.
        if (instrumentsSeen) MarketDataConfigValidator.ValidateFeeds(config.Feeds, config.Instruments, "$.feeds", md);
        MarketDataConfigValidator.ValidateRing(config.Ring, "$.ring", md);
        MarketDataConfigValidator.ValidateJournal(config.Journal, "$.journal", md);
        foreach (MarketDataError e in md) errors.Add(e.Path, e.Message);

        HostingConfigValidator.Validate(config, errors, warnings, feedsSeen ? config.Feeds : null);
        Trading(config, errors, pruned, instrumentsSeen);
    }

    /// <summary>
    /// The Trading room's sections. Risk and strategy belong to the engine, which runs only with a trading
    /// section: without one they would be ignored in silence, and a strategy an operator configured that
    /// never trades is worse than a refusal to start.
    /// </summary>
    private static void Trading(ApplianceConfig config, ConfigErrors errors, IReadOnlyList<string> pruned, bool instrumentsSeen)
    {
        if (pruned.Contains("$.trading")) return;
        if (config.Trading is null)
        {
            const string hint = "is given but there is no \"trading\" section: add one (the engine runs only with it) or leave this out";
            if (config.Risk is not null) errors.Add("$.risk", hint);
            if (config.Strategy is not null) errors.Add("$.strategy", hint);
            return;
        }
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (InstrumentConfig i in config.Instruments) if (i?.Symbol is { } s) symbols.Add(s);
        List<TradingError> found = TradingConfigValidator.Validate(config.Trading, config.Risk ?? new RiskConfig(), config.Strategy, symbols, "$");
        foreach (TradingError e in found)
        {
            // With the instruments section broken every symbol would look unknown: only noise.
            if (!instrumentsSeen && e.Message.Contains("is not a configured instrument", StringComparison.Ordinal)) continue;
            errors.Add(e.Path, e.Message);
        }
    }
}
