using Appliance.MarketData.Config;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Instruments;

namespace Appliance.Cli;

/// <summary>
/// The market-data sections of a configuration file, loaded for the record and replay verbs (the daemon
/// loads the whole file with its own loader). Every problem goes to stderr as <c>path: message</c>.
/// </summary>
internal sealed record MarketDataSetup(MarketDataConfig Config, InstrumentTable Instruments, IReadOnlyList<FeedGroup> Groups)
{
    public static MarketDataSetup? Load(string verb, string path, TextWriter errors)
    {
        MarketDataConfig? config = MarketDataConfigReader.TryLoad(path, out IReadOnlyList<ConfigError> problems);
        if (config is null)
        {
            errors.WriteLine($"{verb}: {path}: {problems.Count} configuration error(s):");
            foreach (ConfigError e in problems) errors.WriteLine($"  {e}");
            return null;
        }
        if (config.Feeds.Count == 0)
        {
            errors.WriteLine($"{verb}: {path}: $.feeds: no feeds configured");
            return null;
        }
        return new MarketDataSetup(config, FeedGroup.Instruments(config), FeedGroup.FromConfig(config));
    }
}
