using Appliance.MarketData.Events;
using Appliance.Trading.Gateways;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>A gateway whose answers the test writes: records every command, returns the reports the test queued.</summary>
internal sealed class ScriptedGateway : IOrderGateway
{
    public readonly List<OrderCommand> Commands = new();
    private readonly Queue<ExecutionReport> _reports = new();

    public string Name => "scripted";
    public bool Refuse { get; set; }

    public bool TrySend(in OrderCommand command)
    {
        if (Refuse) return false;
        Commands.Add(command);
        return true;
    }

    public bool TryPoll(out ExecutionReport report) => _reports.TryDequeue(out report);

    public void OnMarketEvent(in MarketEvent ev, long nowNs) { }

    public void Queue(ExecutionReport report) => _reports.Enqueue(report);

    public OrderCommand Last => Commands[^1];
}
