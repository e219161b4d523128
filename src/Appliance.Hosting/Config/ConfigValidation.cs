using Appliance.MarketData.Config;
using MarketDataError = Appliance.MarketData.Config.ConfigError;

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
    }
}
