using System.Text.Json.Serialization;

namespace Appliance.MarketData.Config;

/// <summary>
/// Source-generated (AOT-safe) System.Text.Json metadata for the market-data sections: camelCase names,
/// comments and trailing commas allowed, unknown properties ignored (a root document carries other sections).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MarketDataConfig))]
[JsonSerializable(typeof(InstrumentConfig))]
[JsonSerializable(typeof(FeedConfig))]
[JsonSerializable(typeof(BackoffConfig))]
[JsonSerializable(typeof(RingConfig))]
[JsonSerializable(typeof(JournalConfig))]
[JsonSerializable(typeof(Feed.FeedSessionSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<Feed.FeedSessionSnapshot>))]
public sealed partial class MarketDataJsonContext : JsonSerializerContext;
