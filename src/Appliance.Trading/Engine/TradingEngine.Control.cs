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
            case ControlCommandKind.StopEntries:
                SetHaltReason(in c);
                _risk.Reduce(StateCause.Operator, _now);
                break;
            case ControlCommandKind.CancelAll:
                _orders.CancelWhere(-1, strategyOrders: true, quotes: true, exits: false);
                _quotes.ClearAll();
                break;
            case ControlCommandKind.Resume:
                _haltReasonLength = 0;
                _risk.Resume(_now);
                break;
        }
        HandleTransitions();
    }

    /// <summary>
    /// Strategy thread, cold: applies a command now, instead of through <see cref="Control"/> (for a host whose
    /// own control channel already runs requests on the strategy thread). Returns what happened, for the answer.
    /// </summary>
    public string Execute(ControlCommandKind kind, string? reason = null)
    {
        var command = new ControlCommand { Kind = kind };
        if (!string.IsNullOrEmpty(reason))
        {
            ReadOnlySpan<char> text = reason;
            while (System.Text.Encoding.UTF8.GetByteCount(text) > ControlCommand.MaxReasonBytes) text = text[..^1];
            command.ReasonLength = (byte)System.Text.Encoding.UTF8.GetBytes(text, command.Reason);
        }
        int working = _risk.OpenOrders;
        TradingState before = _risk.State;
        ApplyCommand(in command);
        _shadow?.Apply(in command);
        Publish();
        string state = _risk.State.ToString().ToUpperInvariant();
        return kind switch
        {
            ControlCommandKind.Halt => $"{state}{(reason is null ? "" : $": {reason}")}; cancelling {working} working orders; positions kept",
            ControlCommandKind.Flatten => $"{state}; cancelling {working} working orders; closing {OpenPositions()} positions",
            ControlCommandKind.Resume => before == TradingState.Active ? "was ACTIVE" : $"{state} (was {before.ToString().ToUpperInvariant()})",
            ControlCommandKind.CancelAll => $"cancelling {working - _risk.OpenOrders + CountCancelPending()} working orders; {state}",
            _ => $"{state}: only orders that reduce a position",
        };
    }

    private int OpenPositions()
    {
        int n = 0;
        foreach (InstrumentState s in _instruments) if (!s.Position.IsFlat) n++;
        return n;
    }

    private int CountCancelPending()
    {
        int n = 0;
        foreach (int slot in _orders.Pool.InUseSlots) if (_orders.Pool[slot].CancelPending) n++;
        return n;
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
