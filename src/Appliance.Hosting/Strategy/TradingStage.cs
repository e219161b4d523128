using System.Globalization;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Gateways.Venue;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The trading engine (Appliance.Trading) in the strategy thread's seat: each event goes to
/// <see cref="TradingEngine.OnEvent"/> once the loop has updated its book, an idle round to
/// <see cref="TradingEngine.Poll"/> (gateway answers and snapshots do not wait for the next event), and the
/// host's control requests, which already run on the strategy thread, go straight to <see cref="TradingEngine.Execute"/>. Other threads read it only through the
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
    /// Strategy thread, between events: the engine applies the command at once (<see cref="TradingEngine.Execute"/>),
    /// after the last event it saw. That point is what the decision log records (the command's event number), so
    /// a replay applies it at the same place (<see cref="ApplyRecorded"/>). Returns the engine's account of it.
    /// </summary>
    public string OnControl(StrategyCommand command, string? reason) => _engine.Execute(command switch
    {
        // REDUCING: no new entries; exits and working orders carry on.
        StrategyCommand.StopEntries => ControlCommandKind.StopEntries,
        StrategyCommand.Halt => ControlCommandKind.Halt,
        StrategyCommand.Resume => ControlCommandKind.Resume,
        // Working orders but exits cancelled; state and positions unchanged.
        StrategyCommand.CancelAll => ControlCommandKind.CancelAll,
        StrategyCommand.Flatten => ControlCommandKind.Flatten,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    }, reason);

    /// <summary>Strategy thread (or a replay): an operator command as the decision log recorded it, applied now.</summary>
    public void ApplyRecorded(ControlCommandKind kind) => _engine.Execute(kind);

    /// <summary>Any thread: the last published snapshot, or null while a publish races every attempt.</summary>
    public TradingSnapshot? Snapshot() => _engine.ReadSnapshot();

    /// <summary>Any thread: no position and no working order, as last published.</summary>
    public bool IsFlat => _engine.IsFlat;

    public bool IsHalted => Snapshot()?.Risk.State == "HALTED";

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
