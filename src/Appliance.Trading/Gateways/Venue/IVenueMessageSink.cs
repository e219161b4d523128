namespace Appliance.Trading.Gateways.Venue;

/// <summary>Where the parser puts each message it read (a struct, so the call is direct).</summary>
public interface IVenueMessageSink
{
    void Emit(in VenueMessage message);
}
