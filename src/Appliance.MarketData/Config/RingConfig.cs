using System.Text.Json.Serialization;
using Appliance.MarketData.Feed;

namespace Appliance.MarketData.Config;

/// <summary>The <c>ring</c> section: the feed → strategy hand-off, one ring per feed thread.</summary>
public sealed record RingConfig
{
    /// <summary>Slots (512 bytes each), a power of two.</summary>
    public int Capacity { get; set; } = 65536;

    /// <summary>"drop" | "spinThenDrop" | "halt": what the feed thread does when the ring is full.</summary>
    public string Overload { get; set; } = "drop";

    /// <summary>spinThenDrop: how long to spin for room before dropping.</summary>
    public int SpinMicroseconds { get; set; } = 50;

    /// <summary>The parsed <see cref="Overload"/>; call only after validation.</summary>
    [JsonIgnore]
    public OverloadPolicy OverloadPolicy => OverloadPolicyNames.Parse(Overload)
        ?? throw new InvalidOperationException($"ring.overload '{Overload}' is not one of {OverloadPolicyNames.All}");
}
