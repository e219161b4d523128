namespace Appliance.Trading.Config;

/// <summary>One configuration problem: where (a JSON path such as <c>$.risk.maxOrderLots</c>) and what.</summary>
public readonly record struct ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
