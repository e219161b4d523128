using Appliance.Trading.Config;
using Appliance.Trading.Strategies.Reference;

namespace Appliance.Trading.Strategies;

/// <summary>Builds a strategy from its config name. Cold path; the daemon and the shadow runner use it.</summary>
public static class StrategyFactory
{
    public static readonly IReadOnlyList<string> Names = ["ema-crossover"];

    public static IStrategy Create(StrategyConfig config, int instrumentCount) => config.Name switch
    {
        "ema-crossover" => new EmaCrossoverStrategy(config, instrumentCount),
        _ => throw new ArgumentException($"Unknown strategy '{config.Name}' (known: {string.Join(", ", Names)}).", nameof(config)),
    };
}
