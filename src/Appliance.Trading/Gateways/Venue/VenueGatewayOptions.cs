using Appliance.Logging;
using Appliance.MarketData.Instruments;
using Appliance.Trading.Config;

namespace Appliance.Trading.Gateways.Venue;

/// <summary>What the venue gateway needs: the <c>trading.venue</c> config, the instruments, the API key (never logged).</summary>
public sealed class VenueGatewayOptions
{
    public required VenueGatewayConfig Config { get; init; }
    public required InstrumentTable Instruments { get; init; }

    /// <summary>The key <c>public/login</c> sends; read by the host from <c>apiKeyFile</c>. The simulator takes any non-empty key.</summary>
    public string ApiKey { get; init; } = "appliance";

    public Logger? Log { get; init; }

    /// <summary>Capacity of each ring between the strategy thread and the gateway (a power of two).</summary>
    public int RingCapacity { get; init; } = 8192;

    /// <summary>CPUs the gateway's threads may run on (housekeeping cores); null: anywhere.</summary>
    public Appliance.Primitives.Threading.CpuSet? Cpus { get; init; }
}
