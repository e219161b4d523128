using System.Text.Json.Serialization;
using Appliance.Trading.Engine.Snapshots;

namespace Appliance.Trading.Config;

/// <summary>
/// Source-generated System.Text.Json metadata for the <c>trading</c>, <c>risk</c> and <c>strategy</c>
/// sections and the admin snapshots (AOT-safe, no reflection). camelCase names, enums as strings (read
/// case-insensitively), unknown properties refused so a typo is an error, not a silent default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = false)]
[JsonSerializable(typeof(TradingConfig))]
[JsonSerializable(typeof(RiskConfig))]
[JsonSerializable(typeof(StrategyConfig))]
[JsonSerializable(typeof(TradingSections))]
[JsonSerializable(typeof(TradingSnapshot))]
public sealed partial class TradingJsonContext : JsonSerializerContext;

/// <summary>The three sections side by side, as they sit in the root config (for tools and tests that read only these).</summary>
public sealed record TradingSections
{
    public TradingConfig Trading { get; set; } = new();
    public RiskConfig Risk { get; set; } = new();
    public StrategyConfig Strategy { get; set; } = new();
}
