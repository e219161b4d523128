using Appliance.Trading.Control;
using Appliance.Trading.Decisions;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;

namespace Appliance.Trading.Engine;

// The kill switch and state changes, on the strategy thread.
public sealed partial class TradingEngine
{
    /// <summary>Applies waiting operator commands. Returns true if there were any.</summary>
    private bool ApplyCommands()
    {
        bool any = false;
        while (_control.TryTake(out ControlCommand c))
        {
            any = true;
            ApplyCommand(in c);
            _shadow?.Apply(in c);
            _control.MarkApplied(c.Ticket);
        }
        if (any) Publish();
        return any;
    }

    /// <summary>One operator command, on the strategy thread.</summary>
    internal void ApplyCommand(in ControlCommand c)
    {
        _dirty = true;
        _decisions.Append(DecisionKind.Command, reason: (byte)c.Kind, extra: c.Ticket);
        switch (c.Kind)
        {
            case ControlCommandKind.Halt:
                SetHaltReason(in c);
                _risk.Halt(StateCause.Operator, _now);
                break;
            case ControlCommandKind.Flatten:
                SetHaltReason(in c);
                FlattenAll();
                break;
            case ControlCommandKind.Reduce:
                SetHaltReason(in c);
                _risk.Reduce(StateCause.Operator, _now);
                break;
            case ControlCommandKind.Resume:
                _haltReasonLength = 0;
                _risk.Resume(_now);
                break;
        }
        HandleTransitions();
    }

    private void SetHaltReason(in ControlCommand c)
    {
        ReadOnlySpan<byte> reason = ((ReadOnlySpan<byte>)c.Reason)[..c.ReasonLength];
        reason.CopyTo(_haltReason);
        _haltReasonLength = reason.Length;
    }

    /// <summary>Logs state changes; HALTED cancels every working order but exits; a breaker asking for it flattens.</summary>
    private void HandleTransitions()
    {
        if (_risk.HasPendingTransitions)
        {
            _dirty = true;
            foreach (StateTransition t in _risk.PendingTransitions)
            {
                _decisions.Append(DecisionKind.StateChange, reason: (byte)t.Cause, extra: ((long)t.From << 8) | (byte)t.To);
                if (t.To == TradingState.Halted)
                {
                    _orders.CancelWhere(-1, strategyOrders: true, quotes: true, exits: false);
                    _quotes.ClearAll();
                }
            }
            _risk.ClearTransitions();
        }
        if (_risk.FlattenRequested)
        {
            _risk.FlattenRequested = false;
            FlattenAll();
        }
    }
}
