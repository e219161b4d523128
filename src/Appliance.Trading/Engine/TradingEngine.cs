using System.Runtime.CompilerServices;
using Appliance.Logging;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Trading.Bars;
using Appliance.Trading.Config;
using Appliance.Trading.Control;
using Appliance.Trading.Decisions;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Exits;
using Appliance.Trading.Gateways;
using Appliance.Trading.Gateways.Paper;
using Appliance.Trading.Indicators;
using Appliance.Trading.Orders;
using Appliance.Trading.Quoting;
using Appliance.Trading.Risk;
using Appliance.Trading.Sessions;
using Appliance.Trading.Shadow;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Engine;

/// <summary>
/// Trading on the strategy thread. The host calls <see cref="OnEvent"/> for every market event after
/// applying it to the books, and <see cref="Poll"/> when the ring is empty; both run the whole pipeline
/// without allocating, locking or reading a clock: commands (kill switch) → gateway answers → prices,
/// indicators, bars → exits → breakers → strategy intents → risk → orders → shadow → quotes → snapshot.
/// Time is the latest exchange time seen, so the same events produce the same decisions.
/// Other threads talk to it through <see cref="Control"/> and read it through <see cref="ReadSnapshot"/>.
/// </summary>
public sealed partial class TradingEngine : IDisposable
{
    private readonly TradingEngineOptions _options;
    private readonly InstrumentState[] _instruments;
    private readonly InstrumentSpec[] _specs;
    private readonly OrderBook?[] _books;
    private readonly int[] _traded;
    private readonly RiskEngine _risk;
    private readonly ExitMonitor _exits;
    private readonly OrderManager _orders;
    private readonly IOrderGateway _gateway;
    private readonly DecisionLog _decisions;
    private readonly SessionCalendar _calendar;
    private readonly IStrategy _strategy;
    private readonly IndicatorSet?[] _indicators;
    private readonly StrategyContext _context;
    private readonly IntentSink _intents = new();
    private readonly ExitReason[] _exitLatched;
    private readonly ClosedBar[] _closedBars;
    private readonly ControlChannel _control = new();
    private readonly SnapshotPublisher _snapshots;
    private readonly QuoteManager _quotes;
    private readonly ShadowRunner? _shadow;
    private readonly ExitReason[] _exitsThisEvent;
    private readonly Logger? _log;
    private readonly double _flattenProtection;
    private readonly long _snapshotIntervalNs;
    private readonly byte[] _haltReason = new byte[ControlCommand.MaxReasonBytes];
    private int _haltReasonLength;
    private int _closedBarCount;
    private long _now;
    private long _eventIndex;
    private long _dayStart = long.MinValue;
    private SessionPhase _phase = SessionPhase.Closed;
    // Not long.MinValue: `_now - _lastPublishNs` must not overflow before the first publication.
    private long _lastPublishNs = long.MinValue / 2;
    private bool _dirty = true;
    private volatile bool _isFlat = true;

    public TradingEngine(TradingEngineOptions options)
    {
        _options = options;
        TradingConfig trading = options.Trading;
        int count = options.Instruments.Count;
        _instruments = new InstrumentState[count];
        _specs = new InstrumentSpec[count];
        for (int i = 0; i < count; i++)
        {
            _specs[i] = new InstrumentSpec(i, options.Instruments[i]);
            _instruments[i] = new InstrumentState(_specs[i]);
        }
        _books = new OrderBook?[count];
        for (int i = 0; i < count && i < options.Books.Length; i++) _books[i] = options.Books[i];
        _traded = ResolveTraded(options.Strategy, options.Instruments);
        foreach (int id in _traded) _instruments[id].Traded = true;

        _log = options.Logs?.GetLogger("Trading");
        _decisions = new DecisionLog(trading.DecisionLog.RingCapacity,
            trading.DecisionLog.LogLines ? options.Logs?.GetLogger("Trading.Decisions") : null, _specs,
            trading.DecisionLog.Directory, options.BackgroundDecisionLog, options.RecordDecisions);
        _risk = new RiskEngine(new RiskLimits(options.Risk), _instruments);
        _exits = new ExitMonitor(new ExitRules(options.Strategy.Exits), count);
        _gateway = options.GatewayFactory?.Invoke(_instruments) ?? new PaperGateway(trading.Paper, _instruments, _books);
        long idBase = options.ClientOrderIdBase ?? trading.ClientOrderIdBase ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        _orders = new OrderManager(new OrderPool(trading.OrderPoolSize, idBase), _gateway, _risk, _instruments, _decisions);
        _calendar = new SessionCalendar(options.Strategy.Session);
        _indicators = new IndicatorSet?[count];
        foreach (int id in _traded) _indicators[id] = new IndicatorSet(options.Strategy.Indicators, _specs[id]);
        _context = new StrategyContext(_instruments, _books, _indicators, _traded);
        _strategy = options.StrategyOverride ?? StrategyFactory.Create(options.Strategy, count);
        _exitLatched = new ExitReason[count];
        _closedBars = new ClosedBar[count * 2 + 2];
        _snapshots = new SnapshotPublisher(_instruments, trading.OrderPoolSize);
        _quotes = new QuoteManager(_orders, _instruments, trading.MaxQuoteLevels);
        _exitsThisEvent = new ExitReason[count];
        if (trading.Shadow is not null)
            _shadow = new ShadowRunner(options, trading.Shadow, _instruments, options.Logs?.GetLogger("Trading.Shadow"));
        _flattenProtection = (double)trading.FlattenProtectionPct / 100;
        _snapshotIntervalNs = options.SnapshotInterval.Ticks * 100;
        _log?.Info($"trading engine: strategy {_strategy.Name} on {_traded.Length} instruments, gateway {_gateway.Name}, order pool {trading.OrderPoolSize}, client ids from {idBase}");
    }

    private static int[] ResolveTraded(StrategyConfig strategy, MarketData.Instruments.InstrumentTable table)
    {
        var ids = new List<int>();
        foreach (string symbol in strategy.Instruments)
        {
            int id = -1;
            for (int i = 0; i < table.Count; i++) if (table[i].Symbol == symbol) id = i;
            if (id < 0) throw new ArgumentException($"strategy.instruments: '{symbol}' is not a configured instrument.");
            if (!ids.Contains(id)) ids.Add(id);
        }
        return ids.ToArray();
    }

    /// <summary>Kill-switch commands from any thread (halt, resume, flatten, reduce).</summary>
    public ControlChannel Control => _control;

    public RiskEngine Risk => _risk;
    public OrderManager Orders => _orders;
    public IOrderGateway Gateway => _gateway;
    public DecisionLog Decisions => _decisions;
    public QuoteManager Quotes => _quotes;
    public ShadowRunner? Shadow => _shadow;
    public string StrategyName => _strategy.Name;

    /// <summary>The strategy's intents on the last event (valid until the next one).</summary>
    public ReadOnlySpan<Intent> LastIntents => _intents.Items;

    /// <summary>Exits triggered on the last event, by instrument (None elsewhere).</summary>
    public ReadOnlySpan<ExitReason> ExitsThisEvent => _exitsThisEvent;
    public IReadOnlyList<InstrumentState> Instruments => _instruments;
    public long NowNs => _now;
    public long EventIndex => _eventIndex;
    public SessionPhase Phase => _phase;

    /// <summary>SHA-256 (hex) of the decision log so far; see <see cref="DecisionLog.Digest"/>.</summary>
    public string? DecisionDigest(TimeSpan timeout) => _decisions.Digest(timeout);

    // ---- the per-event pipeline ----

    /// <summary>Strategy thread: one market event, after the host applied it to the books.</summary>
    public void OnEvent(in MarketEvent ev)
    {
        long t = ev.Kind == MarketEventKind.Trade && ev.TransactionTimeNs > 0 ? ev.TransactionTimeNs : ev.ExchangeTimeNs;
        if (t > _now) _now = t;
        _eventIndex++;
        _decisions.EventIndex = _eventIndex;
        _decisions.TimeNs = _now;
        _orders.NowNs = _now;

        ApplyCommands();
        PollGateway();
        UpdateSession();

        int id = ev.InstrumentId;
        InstrumentState? s = (uint)id < (uint)_instruments.Length ? _instruments[id] : null;
        _closedBarCount = 0;
        switch (ev.Kind)
        {
            case MarketEventKind.Trade:
                if (s is not null) OnTrade(s, in ev);
                break;
            case MarketEventKind.BestBidOffer:
            case MarketEventKind.DepthDiff:
            case MarketEventKind.DepthSnapshot:
                if (s is not null) OnBook(s, in ev);
                break;
            case MarketEventKind.Status:
                _risk.OnStatus(ev.Status, id, _now);
                break;
        }
        CloseTimeBars();

        _gateway.OnMarketEvent(in ev, _now);
        PollGateway();
        if (s is not null) _risk.OnMark(s, _now);

        Array.Clear(_exitsThisEvent);
        CheckExits();
        HandleTransitions();
        RunStrategy(in ev);
        _shadow?.OnEvent(in ev, _intents.Items, _exitsThisEvent);
        _quotes.Reconcile(_now, _risk.State);
        // Every 50 ms of event time whatever changed: marks, prices, P&L, refusal and decision counts move with
        // the market without making the state dirty, and operators read them from here.
        if (_now - _lastPublishNs >= _snapshotIntervalNs) Publish();
    }

    /// <summary>
    /// Strategy thread, when no event is waiting: applies commands and gateway answers (fills do not wait for
    /// the next market event) and publishes the snapshot if anything changed. Cheap when nothing happened.
    /// </summary>
    public void Poll()
    {
        bool any = ApplyCommands();
        any |= PollGateway() > 0;
        if (any)
        {
            CheckExits();
            HandleTransitions();
            _quotes.Reconcile(_now, _risk.State);
        }
        if (_dirty) Publish();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnTrade(InstrumentState s, in MarketEvent ev)
    {
        long previous = s.LastTrade;
        s.PreviousTrade = previous;
        s.LastTrade = ev.Price;
        s.LastTradeTimeNs = _now;
        if (_risk.CheckJump(s, ev.Price, previous, _now))
            _decisions.Append(DecisionKind.JumpAlert, s.Id, ev.Aggressor, price: ev.Price, quantity: ev.Quantity, extra: previous);
        _risk.OnData(s, MarketEventKind.Trade, _now);
        IndicatorSet? set = _indicators[s.Id];
        if (set is null) return;
        if (set.OnTrade(_now, ev.Price, ev.Quantity, out Bar closed)) AddClosedBar(s.Id, set, in closed);
        _risk.SetWarm(s.Id, _strategy.IsWarm(s.Id, _context));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnBook(InstrumentState s, in MarketEvent ev)
    {
        OrderBook? book = _books[s.Id];
        if (book is not null)
        {
            s.BestBid = book.BestBid.Price;
            s.BestAsk = book.BestAsk.Price;
        }
        else if (ev.Kind == MarketEventKind.BestBidOffer && ev.BidCount > 0 && ev.AskCount > 0)
        {
            s.BestBid = ev.Bids[0].Price;
            s.BestAsk = ev.Asks[0].Price;
        }
        _risk.OnData(s, ev.Kind, _now);
    }

    private void CloseTimeBars()
    {
        foreach (int id in _traded)
        {
            IndicatorSet set = _indicators[id]!;
            if (set.OnTime(_now, out Bar closed))
            {
                AddClosedBar(id, set, in closed);
                _risk.SetWarm(id, _strategy.IsWarm(id, _context));
            }
        }
    }

    private void AddClosedBar(int id, IndicatorSet set, in Bar bar)
    {
        set.OnBar(in bar);
        if (_closedBarCount < _closedBars.Length) _closedBars[_closedBarCount++] = new ClosedBar(id, bar);
    }

    private void UpdateSession()
    {
        SessionPhase phase = _calendar.PhaseAt(_now);
        if (phase != _phase)
        {
            _phase = phase;
            _risk.Session = phase;
            _dirty = true;
        }
        long start = _calendar.SessionStartNs;
        if (start != _dayStart && start <= _now)
        {
            _dayStart = start;
            _risk.StartDay(_now);
            foreach (int id in _traded) _indicators[id]!.StartSession(start);
            _decisions.Append(DecisionKind.DayStart, extra: start);
        }
    }

    private void RunStrategy(in MarketEvent ev)
    {
        _context.NowNs = _now;
        _context.EventIndex = _eventIndex;
        _context.Session = _phase;
        _context.TradingState = _risk.State;
        _intents.Clear();
        for (int i = 0; i < _closedBarCount; i++)
        {
            ref ClosedBar b = ref _closedBars[i];
            _strategy.OnBar(b.InstrumentId, in b.Bar, _context, _intents);
        }
        _strategy.OnEvent(in ev, _context, _intents);
        if (_intents.Count > 0) ProcessIntents();
    }

    /// <summary>Drains the gateway: order reports to the order manager, the rest (connection, reconciliation) here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PollGateway()
    {
        int n = 0;
        while (_gateway.TryPoll(out ExecutionReport report))
        {
            n++;
            _dirty = true;
            if (!_orders.Apply(in report)) OnGatewayReport(in report);
        }
        return n;
    }

    private void Publish()
    {
        _lastPublishNs = _now;
        _dirty = false;
        bool flat = _risk.OpenOrders == 0;
        for (int i = 0; i < _instruments.Length && flat; i++) flat = _instruments[i].Position.IsFlat;
        _isFlat = flat;
        var extra = new SnapshotPublisher.RiskSlot { Decisions = _decisions.Count, DecisionsDropped = _decisions.Dropped };
        _snapshots.Publish(_eventIndex, _now, _risk, _orders, _exitLatched, _haltReason.AsSpan(0, _haltReasonLength), in extra);
    }

    /// <summary>Any thread: no working order and no open position, as of the last publication (a stop after flatten waits for it).</summary>
    public bool IsFlat => _isFlat;

    /// <summary>Any thread, cold: state and counters as key/value pairs (for a host's status verbs).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        TradingSnapshot? s = ReadSnapshot();
        if (s is null) return [new("state", "unreadable (publishing)")];
        var list = new List<KeyValuePair<string, string>>
        {
            new("stage", $"trading: {_strategy.Name} on {_gateway.Name}"),
            new("state", s.Risk.State),
            new("cause", s.Risk.Cause),
            new("halt_reason", s.Risk.HaltReason ?? ""),
            new("events", s.EventIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("orders", s.Orders.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("positions", s.Positions.Count(p => p.Quantity != 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("fills", s.Risk.Fills.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("daily_pnl", s.Risk.DailyPnl.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)),
            new("exposure", s.Risk.Exposure.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)),
            new("accepted", s.Risk.Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("refused", s.Risk.Refusals.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("decisions", s.Risk.Decisions.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (s.Risk.Shadow is { } shadow) list.Add(new("shadow_divergences", shadow.Divergences.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return list;
    }

    /// <summary>Any thread: the last published state (positions, orders, risk) as plain records.</summary>
    public TradingSnapshot? ReadSnapshot() => _snapshots.Read(_risk.Limits, _gateway.Name, () => _shadow?.ReadSnapshot());

    public void Dispose()
    {
        _decisions.Dispose();
        (_gateway as IDisposable)?.Dispose();
    }

    private struct ClosedBar(int instrumentId, Bar bar)
    {
        public int InstrumentId = instrumentId;
        public Bar Bar = bar;
    }
}
