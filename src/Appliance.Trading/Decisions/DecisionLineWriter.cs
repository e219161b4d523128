using Appliance.Logging;
using Appliance.MarketData.Events;
using Appliance.Primitives.FixedPoint;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;
using Appliance.Trading.Exits;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Decisions;

/// <summary>
/// Turns decision records into log lines on the decision log's consumer thread (category
/// Trading.Decisions): fills at Trade level (durable), refusals and state changes at Warning, the rest at
/// Information. Records carry ids and units only; symbols and scales come from the instrument specs.
/// </summary>
internal sealed class DecisionLineWriter
{
    private readonly Logger _log;
    private readonly InstrumentSpec[] _instruments;

    public DecisionLineWriter(Logger log, InstrumentSpec[] instruments)
    {
        _log = log;
        _instruments = instruments;
    }

    public void Write(in DecisionRecord r)
    {
        string symbol = r.InstrumentId < _instruments.Length ? _instruments[r.InstrumentId].Symbol : "-";
        int ps = r.InstrumentId < _instruments.Length ? _instruments[r.InstrumentId].PriceScale : 0;
        int qs = r.InstrumentId < _instruments.Length ? _instruments[r.InstrumentId].QuantityScale : 0;
        var price = new Price(r.Price, ps);
        var qty = new Quantity(r.Quantity, qs);
        long seq = r.Sequence, ev = r.EventIndex, id = r.OrderId;
        switch (r.Kind)
        {
            case DecisionKind.Intent:
                _log.Info($"#{seq} ev={ev} intent {(IntentKind)r.Extra} {symbol} {r.Side} qty={qty} px={price}");
                break;
            case DecisionKind.Risk when r.Reason != 0:
                _log.Warn($"#{seq} ev={ev} refused {symbol} {r.Side} {qty}@{price} {(OrderOrigin)r.Origin}: {(RiskReason)r.Reason}");
                break;
            case DecisionKind.Risk:
                _log.Info($"#{seq} ev={ev} accepted {symbol} {r.Side} {qty}@{price} {(OrderOrigin)r.Origin}");
                break;
            case DecisionKind.OrderSent:
                _log.Info($"#{seq} ev={ev} order {id} sent {symbol} {r.Side} {qty}@{price} {(OrderOrigin)r.Origin}");
                break;
            case DecisionKind.Fill:
                _log.Trade($"#{seq} ev={ev} fill {id} {symbol} {r.Side} {qty}@{price} filled={new Quantity(r.Extra, qs)}");
                break;
            case DecisionKind.Rejected:
                _log.Warn($"#{seq} ev={ev} order {id} rejected {symbol} code={r.Extra}");
                break;
            case DecisionKind.ExitTriggered:
                _log.Trade($"#{seq} ev={ev} exit {(ExitReason)r.Reason} {symbol} position={qty} at px={price}");
                break;
            case DecisionKind.StateChange:
                _log.Warn($"#{seq} ev={ev} state {(TradingState)(r.Extra >> 8)} -> {(TradingState)(r.Extra & 0xFF)}: {(StateCause)r.Reason}");
                break;
            case DecisionKind.Command:
                _log.Warn($"#{seq} ev={ev} command {(ControlCommandKind)r.Reason}");
                break;
            case DecisionKind.JumpAlert:
                _log.Warn($"#{seq} ev={ev} data quality: {symbol} traded {price} after {new Price(r.Extra, ps)}");
                break;
            case DecisionKind.PositionCorrected:
                _log.Warn($"#{seq} ev={ev} reconciliation: {symbol} position {new Quantity(r.Extra, qs)} -> venue {qty}");
                break;
            case DecisionKind.DayStart:
                _log.Info($"#{seq} ev={ev} trading day starts (session start {r.Extra} ns)");
                break;
            case DecisionKind.Connection:
                _log.Info($"#{seq} ev={ev} venue session {(r.Extra != 0 ? "up" : "down")}");
                break;
            case DecisionKind.UnknownReport:
                _log.Warn($"#{seq} ev={ev} answer for unknown order (client id {r.Extra})");
                break;
            default:
                _log.Info($"#{seq} ev={ev} {r.Kind} {id} {symbol} {r.Side} qty={qty} px={price} extra={r.Extra}");
                break;
        }
    }
}
