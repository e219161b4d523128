using Appliance.Hosting.Config;
using Appliance.MarketData.Config;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Instruments;

namespace Appliance.Cli;

/// <summary>
/// The market-data sections of a configuration file, for the record and replay verbs. The file goes
/// through the daemon's own loader, so a config these verbs accept is one `run` accepts (every section
/// checked, every error with its path on stderr); secrets are not read (the tools need none).
/// </summary>
internal sealed record MarketDataSetup(MarketDataConfig Config, InstrumentTable Instruments, IReadOnlyList<FeedGroup> Groups, ApplianceConfig Root)
{
    public static MarketDataSetup? Load(string verb, string path, TextWriter errors)
    {
        LoadedConfig loaded = ConfigLoader.Load(path, readSecrets: false);
        if (!loaded.IsValid)
        {
            errors.WriteLine($"{verb}: {path}: {loaded.Errors.Count} configuration error(s):");
            foreach (Hosting.Config.ConfigError e in loaded.Errors) errors.WriteLine($"  {e}");
            return null;
        }
        ApplianceConfig root = loaded.Require();
        MarketDataConfig config = root.MarketData;
        if (config.Feeds.Count == 0)
        {
            errors.WriteLine($"{verb}: {path}: $.feeds: no feeds configured");
            return null;
        }
        return new MarketDataSetup(config, FeedGroup.Instruments(config), FeedGroup.FromConfig(config), root);
    }
}
