using Appliance.MarketData.Events;
using Appliance.Primitives.Rings;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Venue;

/// <summary>
/// Order entry to a JSON-RPC venue (docs/order-entry-protocol.md) over our WebSocket client. The strategy
/// thread only touches two SPSC rings — commands out, reports in — so a send is a copy into a slot and
/// never waits on the network. A session thread owns the connection (login, rate, retries, reconnection,
/// reconciliation) and a receive thread parses what arrives. See <see cref="VenueSession"/>.
/// </summary>
public sealed class VenueGateway : IOrderGateway, IDisposable
{
    private readonly SpscRing<OrderCommand> _commands;
    private readonly SpscRing<ExecutionReport> _reports;
    private readonly VenueSession _session;

    public VenueGateway(VenueGatewayOptions options)
    {
        _commands = new SpscRing<OrderCommand>(options.RingCapacity, "strategy → venue gateway");
        _reports = new SpscRing<ExecutionReport>(options.RingCapacity * 2, "venue gateway → strategy");
        _session = new VenueSession(options, _commands, _reports);
    }

    public string Name => "venue";

    /// <summary>Starts the session thread (connects, logs in, reconciles, then sends).</summary>
    public void Start() => _session.Start();

    /// <summary>Logged in and reconciled: new orders go out at once.</summary>
    public bool IsReady => _session.IsReady;

    public VenueGatewayStatus Status => _session.Status;

    public bool TrySend(in OrderCommand command) => _commands.TryWrite(command);

    public bool TryPoll(out ExecutionReport report) => _reports.TryRead(out report);

    public void OnMarketEvent(in MarketEvent ev, long nowNs)
    {
    }

    public void Dispose() => _session.Stop();
}
