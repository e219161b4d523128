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

        if (config.Trading is not null)
        {
            // Strategy and risk name instruments by symbol; without a readable instruments section that is noise.
            var symbols = instrumentsSeen ? config.Instruments.Where(i => i is not null).Select(i => i.Symbol).ToArray() : null;
            if (symbols is not null)
                foreach (TradingError e in TradingConfigValidator.Validate(config.Trading, config.Risk, config.Strategy, symbols, "$"))
                    errors.Add(e.Path, e.Message);
        }
        else if (!pruned.Contains("$.trading"))
        {
            if (config.HasRisk) warnings.Add(new ConfigError("$.risk", "is ignored: there is no trading section (the daemon runs the pass-through stage)"));
            if (config.HasStrategy) warnings.Add(new ConfigError("$.strategy", "is ignored: there is no trading section (the daemon runs the pass-through stage)"));
        }

        HostingConfigValidator.Validate(config, errors, warnings, feedsSeen ? config.Feeds : null);
    }
}
