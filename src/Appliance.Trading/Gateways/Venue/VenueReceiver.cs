using Appliance.MarketData.Instruments;
using Appliance.Primitives.Rings;
using Appliance.WebSockets.Connection;

namespace Appliance.Trading.Gateways.Venue;

/// <summary>
/// The receive thread's message handler: parses each frame into <see cref="VenueMessage"/>s and hands them
/// to the session thread through an SPSC ring, waiting (on this thread only) when the ring is full.
/// </summary>
internal struct VenueReceiver : IWebSocketMessageHandler, IVenueMessageSink
{
    private readonly SpscRing<VenueMessage> _ring;
    private readonly InstrumentTable _instruments;

    public VenueReceiver(SpscRing<VenueMessage> ring, InstrumentTable instruments)
    {
        _ring = ring;
        _instruments = instruments;
    }

    public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) =>
        VenueMessageParser.Parse(payload, _instruments, ref this);

    public void Emit(in VenueMessage message)
    {
        var wait = new SpinThenYieldWait();
        long seq = _ring.Claim(ref wait);
        _ring[seq] = message;
        _ring.Publish(seq);
    }
}
