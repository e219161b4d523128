using System.Globalization;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Gateways.Venue;
using Appliance.Trading.Risk;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The trading engine (Appliance.Trading) in the strategy thread's seat: each event goes to
/// <see cref="TradingEngine.OnEvent"/> once the loop has updated its book, an idle round to
/// <see cref="TradingEngine.Poll"/> (gateway answers and snapshots do not wait for the next event), and the
/// host's control requests become the engine's kill-switch commands. Other threads read it only through the
/// engine's published snapshot. The hot methods are one call each: nothing here allocates per event.
/// </summary>
public sealed class TradingStage : IStrategyStage, IDisposable
{
    private readonly TradingEngine _engine;
    private bool _disposed;

    /// <param name="venue">The venue gateway the engine sends through (its owner starts it), or null for the paper gateway.</param>
    public TradingStage(TradingEngine engine, VenueGateway? venue = null)
    {
        _engine = engine;
        Venue = venue;
    }

    public string Name => "trading";

    public TradingEngine Engine => _engine;

    /// <summary>The venue gateway, when orders go to the venue.</summary>
    public VenueGateway? Venue { get; }

    public void OnEvent(in MarketEvent ev, OrderBook? book) => _engine.OnEvent(in ev);

    public void OnIdle(long now) => _engine.Poll();

    /// <summary>
    /// Strategy thread, between events: posts the command to the engine's kill switch and polls at once, so
    /// it is applied here, after the last event the engine saw. That point is what the decision log records
    /// (the command's event index), so a replay can apply it at the same place (<see cref="ApplyRecorded"/>).
    /// </summary>
    public string OnControl(StrategyCommand command, string? reason)
    {
        TradingState before = _engine.Risk.State;
        (int positions, int orders) = Exposure();
        ControlCommandKind kind = command switch
        {
            // The engine's REDUCING is exactly "no new entries; exits and working orders carry on".
            StrategyCommand.StopEntries => ControlCommandKind.Reduce,
            StrategyCommand.Halt => ControlCommandKind.Halt,
            StrategyCommand.Resume => ControlCommandKind.Resume,
            // HALTED cancels every working order but exits and keeps positions: what a stop with onStop "cancel" wants.
            StrategyCommand.CancelAll => ControlCommandKind.Halt,
            StrategyCommand.Flatten => ControlCommandKind.Flatten,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
        Apply(kind, reason);
        TradingState after = _engine.Risk.State;
        string why = string.IsNullOrEmpty(reason) ? "" : $": {reason}";
        return command switch
        {
            StrategyCommand.StopEntries when before == TradingState.Halted => "new entries stopped (already halted)",
            StrategyCommand.StopEntries => $"new entries stopped (REDUCING: only orders that reduce a position); {positions} position(s), {orders} working order(s)",
            StrategyCommand.Halt => $"halted{why}; {orders} working order(s) cancelled (exits excepted), {positions} position(s) kept",
            StrategyCommand.Resume when before == TradingState.Active => "was not halted",
            StrategyCommand.Resume when after != TradingState.Active => $"resume refused by risk: {after.ToString().ToUpperInvariant()} ({_engine.Risk.Cause})",
            StrategyCommand.Resume => "resumed",
            StrategyCommand.CancelAll => $"halted{why}; {orders} working order(s) cancelled, {positions} position(s) kept",
            _ when positions == 0 && orders == 0 => "flat: no orders or positions; halted",
            _ => $"flattening{why}: {positions} position(s) closing with price protection, {orders} working order(s) cancelled; halted",
        };
    }

    /// <summary>Strategy thread (or a replay): an operator command as the decision log recorded it, applied now.</summary>
    public void ApplyRecorded(ControlCommandKind kind) => Apply(kind, null);

    private void Apply(ControlCommandKind kind, string? reason)
    {
        if (_engine.Control.Post(kind, reason) == 0)
            throw new InvalidOperationException("the engine's control queue is full (64 commands waiting)");
        _engine.Poll();
    }

    // Strategy thread only: live engine state.
    private (int Positions, int Orders) Exposure()
    {
        int positions = 0;
        foreach (InstrumentState s in _engine.Instruments) if (!s.Position.IsFlat) positions++;
        return (positions, _engine.Orders.Pool.InUse);
    }

    /// <summary>Any thread: the last published snapshot, or null while a publish races every attempt.</summary>
    public TradingSnapshot? Snapshot() => _engine.ReadSnapshot();

    /// <summary>Any thread: no position and no working order in the last published snapshot.</summary>
    public bool IsFlat => Snapshot() is { } s && IsFlatIn(s);

    public bool IsHalted => Snapshot()?.Risk.State == "HALTED";

    internal static bool IsFlatIn(TradingSnapshot s)
    {
        if (s.Orders.Count > 0) return false;
        foreach (PositionRow p in s.Positions) if (p.Quantity != 0) return false;
        return true;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        TradingSnapshot? s = Snapshot();
        var list = new List<KeyValuePair<string, string>>
        {
            new("stage", Name),
            new("strategy", _engine.StrategyName),
            new("gateway", _engine.Gateway.Name),
        };
        if (s is null)
        {
            list.Add(new("state", "unknown (snapshot busy)"));
            return list;
        }
        RiskSnapshot r = s.Risk;
        int positions = 0;
        foreach (PositionRow p in s.Positions) if (p.Quantity != 0) positions++;
        list.Add(new("state", r.State.ToLowerInvariant()));
        list.Add(new("cause", r.Cause));
        list.Add(new("halt_reason", r.HaltReason ?? ""));
        list.Add(new("positions", Text(positions)));
        list.Add(new("orders", Text(s.Orders.Count)));
        list.Add(new("daily_pnl", Money(r.DailyPnl)));
        list.Add(new("exposure", Money(r.Exposure)));
        list.Add(new("fills", Text(r.Fills)));
        list.Add(new("decisions", Text(r.Decisions)));
        list.Add(new("events", Text(s.EventIndex)));
        if (Venue is { } v)
        {
            VenueGatewayStatus g = v.Status;
            list.Add(new("venue", g.Ready ? "ready" : g.Connected ? "connected, reconciling" : $"disconnected{(g.LastError is { } e ? $" ({e})" : "")}"));
        }
        return list;
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Money(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>After the strategy thread ended: the decision log's digest over everything appended (null if its writer did not catch up).</summary>
    public string? DecisionDigest(TimeSpan timeout) => _engine.DecisionDigest(timeout);

    /// <summary>Drains and closes the decision log, stops the venue gateway. After the strategy thread ended.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _engine.Dispose();
    }
}
