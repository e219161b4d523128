using Appliance.MarketData.Events;
using Appliance.Trading.Decisions;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Engine;

// Gateway reports that are not about one order: the venue session's state and reconciliation.
public sealed partial class TradingEngine
{
    /// <summary>Positions corrected to the venue's by reconciliation, since start.</summary>
    public long PositionCorrections { get; private set; }

    private void OnGatewayReport(in ExecutionReport r)
    {
        switch (r.Kind)
        {
            case ExecutionReportKind.Connection:
                _decisions.Append(DecisionKind.Connection, extra: r.Quantity);
                break;
            case ExecutionReportKind.VenuePosition:
                CorrectPosition(in r);
                break;
            case ExecutionReportKind.Reconciled:
                // Orders the venue no longer has were closed by the gateway's own reports; positions come as VenuePosition.
                break;
        }
    }

    /// <summary>
    /// Reconciliation found the venue holding a different position: the venue is right (it saw every fill,
    /// we may have missed some while disconnected). The position moves to the venue's quantity and average
    /// price; the difference is recorded and counted.
    /// </summary>
    private void CorrectPosition(in ExecutionReport r)
    {
        if ((uint)r.InstrumentId >= (uint)_instruments.Length) return;
        InstrumentState s = _instruments[r.InstrumentId];
        long ours = s.Position.Quantity;
        if (ours == r.Quantity) return;
        PositionCorrections++;
        _decisions.Append(DecisionKind.PositionCorrected, s.Id, Side.Unknown, price: r.Price, quantity: r.Quantity, extra: ours);
        // Book the difference as a fill at the venue's average price: realized profit and the breakers stay consistent.
        long diff = r.Quantity - ours;
        long price = r.Price > 0 ? r.Price : s.Mark;
        if (price <= 0) price = (long)Math.Round(s.Position.AveragePrice);
        if (price > 0) _risk.OnFill(s, diff > 0 ? Side.Buy : Side.Sell, Math.Abs(diff), price, _now);
    }
}
