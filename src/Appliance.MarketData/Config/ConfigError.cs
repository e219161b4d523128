namespace Appliance.MarketData.Config;

/// <summary>One configuration problem: the JSON path of the value ("$.feeds[1].staleAfterMs") and what is wrong with it.</summary>
public readonly record struct ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
