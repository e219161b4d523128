using System.Text.Json;
using Appliance.Venue.Faults;

namespace Appliance.Venue.Connections;

/// <summary>What the registry, the control endpoint and the stats need of any client connection.</summary>
internal interface IVenueConnection
{
    int Id { get; }

    /// <summary>The <c>?tag=</c> the client put in its URL (how a test names its connection), or null.</summary>
    string? Tag { get; }

    /// <summary>"market" or "trade".</summary>
    string Channel { get; }

    bool IsOpen { get; }

    /// <summary>Hands a fault to the connection's sender, which applies it and fills in the record.</summary>
    void Inject(FaultRecord fault);

    void WriteJson(Utf8JsonWriter writer);
}
