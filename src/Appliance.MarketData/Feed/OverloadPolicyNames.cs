namespace Appliance.MarketData.Feed;

/// <summary>The configuration spelling of <see cref="OverloadPolicy"/> values.</summary>
public static class OverloadPolicyNames
{
    public const string All = "drop | spinThenDrop | halt";

    public static OverloadPolicy? Parse(string? name) => name switch
    {
        "drop" => OverloadPolicy.Drop,
        "spinThenDrop" => OverloadPolicy.SpinThenDrop,
        "halt" => OverloadPolicy.Halt,
        _ => null,
    };
}
