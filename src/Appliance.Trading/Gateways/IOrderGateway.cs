using Appliance.MarketData.Events;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways;

/// <summary>
/// Where orders go, as seen from the strategy thread: <see cref="TrySend"/> hands a command over without
/// blocking, <see cref="TryPoll"/> returns what came back. The paper gateway simulates in place on the
/// strategy thread (deterministically, in event time); the venue gateway's I/O runs on its own threads
/// behind SPSC rings.
/// </summary>
public interface IOrderGateway
{
    string Name { get; }

    /// <summary>False when the command cannot be queued (the order is then rejected locally).</summary>
    bool TrySend(in OrderCommand command);

    bool TryPoll(out ExecutionReport report);

    /// <summary>Every market event after the books were updated, at engine time <paramref name="nowNs"/>.</summary>
    void OnMarketEvent(in MarketEvent ev, long nowNs);
}
