namespace Appliance.MarketData.Config;

/// <summary>
/// The market-data sections of the configuration file. The daemon's root configuration carries the same
/// four properties; tools that need only market data (record, replay) read the file as this type, which
/// ignores every other top-level section.
/// </summary>
public sealed record MarketDataConfig
{
    public IReadOnlyList<InstrumentConfig> Instruments { get; set; } = [];

    public IReadOnlyList<FeedConfig> Feeds { get; set; } = [];

    public RingConfig Ring { get; set; } = new();

    public JournalConfig Journal { get; set; } = new();
}
