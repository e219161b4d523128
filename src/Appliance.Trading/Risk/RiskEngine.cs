using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;
using Appliance.Trading.Sessions;

namespace Appliance.Trading.Risk;

/// <summary>
/// Pre-trade risk on the strategy thread: every order passes <see cref="Check"/>, which returns Accepted or
/// the first limit it failed and counts either. It also owns the trading state (ACTIVE / REDUCING /
/// HALTED) and the breakers that move it (daily loss, loss warning, consecutive losses), the day's equity,
/// working-order totals, feed health and the jump alert. No allocation, no locks; one thread.
/// </summary>
/// <remarks>
/// Order of checks: validity; exits (must reduce, then pass in every state); state; entry gates (traded,
/// warm-up, session, feed health) for orders that do not reduce; price band; per-order quantity and
/// notional; open orders; position lots, position share of capital and total exposure, each with the
/// working orders on the same side counted as filled (worst case); last the token bucket, so a refused
/// order never spends a token.
/// </remarks>
public sealed class RiskEngine
{
    private const int MaxPendingTransitions = 8;

    private readonly RiskLimits _limits;
    private readonly InstrumentState[] _instruments;
    private readonly long[] _counts = new long[RiskReasons.Count];
    private readonly bool[] _warm;
    private readonly StateTransition[] _transitions = new StateTransition[MaxPendingTransitions];
    private TokenBucket _orderBucket; // Mutable struct! Don't make this readonly.
    private int _transitionCount;
    private TradingState _state;
    private StateCause _cause;
    private double _realized;
    private double _unrealized;
    private double _equityAtDayStart;
    private int _openOrders;
    private int _consecutiveLosses;
    private long _jumpAlerts;

    public RiskEngine(RiskLimits limits, InstrumentState[] instruments)
    {
        _limits = limits;
        _instruments = instruments;
        _warm = new bool[instruments.Length];
        _orderBucket = new TokenBucket(limits.Config.OrdersPerSecond, limits.Config.OrderBurst);
        foreach (InstrumentState s in instruments)
        {
            (long positionLots, long orderLots) = limits.LotsFor(s.Spec.Symbol);
            s.MaxPositionUnits = SaturatingMultiply(positionLots, s.Spec.LotSize);
            s.MaxOrderUnits = SaturatingMultiply(orderLots, s.Spec.LotSize);
        }
    }

    public RiskLimits Limits => _limits;
    public TradingState State => _state;
    public StateCause Cause => _cause;
    public SessionPhase Session { get; set; } = SessionPhase.Open;
    public int OpenOrders => _openOrders;
    public int ConsecutiveLosses => _consecutiveLosses;
    public double Realized => _realized;
    public double Unrealized => _unrealized;
    /// <summary>Worst-case exposure over all instruments at their marks (positions with working orders).</summary>
    public double Exposure => ExposureExcept(null);
    public double DailyPnl => _realized + _unrealized - _equityAtDayStart;
    public long JumpAlerts => _jumpAlerts;
    public long AvailableOrderTokens => _orderBucket.Available;

    /// <summary>Set when a breaker asks for every position to be closed; the engine clears it once it acted.</summary>
    public bool FlattenRequested { get; set; }

    /// <summary>Orders accepted so far.</summary>
    public long Accepted => _counts[0];

    /// <summary>Orders refused for <paramref name="reason"/> so far.</summary>
    public long Refused(RiskReason reason) => _counts[(int)reason];

    public long TotalRefused
    {
        get
        {
            long n = 0;
            for (int i = 1; i < _counts.Length; i++) n += _counts[i];
            return n;
        }
    }

    /// <summary>Counts a refusal decided outside <see cref="Check"/> (the order pool was full).</summary>
    public void CountRefusal(RiskReason reason) => _counts[(int)reason]++;

    public void SetWarm(int instrumentId, bool warm) => _warm[instrumentId] = warm;

    public bool IsWarm(int instrumentId) => _warm[instrumentId];

    // ---- the check ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RiskReason Check(in OrderRequest order, long nowNs)
    {
        RiskReason reason = Evaluate(in order, nowNs);
        _counts[(int)reason]++;
        return reason;
    }

    private RiskReason Evaluate(in OrderRequest o, long nowNs)
    {
        InstrumentState s = _instruments[o.InstrumentId];
        InstrumentSpec spec = s.Spec;
        if (o.Quantity <= 0 || o.Quantity % spec.LotSize != 0) return RiskReason.InvalidQuantity;
        if (o.Price <= 0 || o.Price % spec.TickSize != 0) return RiskReason.InvalidPrice;

        bool reducing = IsReducing(s, o.Side, o.Quantity - o.ReplacesQuantity, o.IsExit);
        if (o.IsExit) return reducing ? RiskReason.Accepted : RiskReason.NotReducing;

        if (_state == TradingState.Halted) return RiskReason.Halted;
        if (_state == TradingState.Reducing && !reducing) return RiskReason.ReducingOnly;
        if (!reducing)
        {
            if (!s.Traded) return RiskReason.NotTraded;
            if (!_warm[o.InstrumentId]) return RiskReason.NotWarm;
            if (Session != SessionPhase.Open) return RiskReason.SessionClosed;
            if (s.Health != FeedHealth.Healthy) return RiskReason.FeedUnhealthy;
        }

        long reference = _limits.Config.PriceBandReference == PriceReference.LastTrade ? s.LastTrade : s.Mid;
        if (reference <= 0) return RiskReason.NoReferencePrice;
        if (Math.BigMul(Math.Abs(o.Price - reference), RiskLimits.Million) > Math.BigMul(reference, _limits.PriceBandPpm))
            return RiskReason.PriceBand;

        if (o.Quantity > s.MaxOrderUnits) return RiskReason.MaxOrderQuantity;
        if (spec.Notional(o.Quantity, o.Price) > _limits.MaxOrderNotional) return RiskReason.MaxOrderNotional;
        if (!o.IsAmend && _openOrders >= _limits.MaxOpenOrders) return RiskReason.MaxOpenOrders;

        if (!reducing)
        {
            // Worst case: every working order on this side fills, then this one.
            long buys = s.WorkingBuy, sells = s.WorkingSell;
            if (o.Side == Side.Buy) buys += o.Quantity - o.ReplacesQuantity;
            else sells += o.Quantity - o.ReplacesQuantity;
            long size = o.Side == Side.Buy ? Math.Abs(s.Position.Quantity + buys) : Math.Abs(s.Position.Quantity - sells);
            if (size > s.MaxPositionUnits) return RiskReason.MaxPositionLots;
            // Valued at the higher of the order price and the mark: the larger notional of the two.
            long valuation = Math.Max(o.Price, s.Mark);
            if (spec.Notional(size, valuation) > _limits.MaxPositionMoney) return RiskReason.MaxPositionPct;
            double worst = spec.Notional(WorstCase(s.Position.Quantity, buys, sells), valuation);
            if (ExposureExcept(s) + worst > _limits.MaxExposureMoney) return RiskReason.MaxExposure;
        }

        return _orderBucket.TryTake(nowNs) ? RiskReason.Accepted : RiskReason.RateLimited;
    }

    /// <summary>
    /// Whether an order of <paramref name="quantity"/> on <paramref name="side"/> moves the position toward
    /// flat without crossing it, counting the working orders on that side as filled first. Exit orders are
    /// judged against the non-exit working quantity only, so a strategy's resting sell cannot block a stop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsReducing(InstrumentState s, Side side, long quantity, bool exit)
    {
        long position = s.Position.Quantity;
        if (side == Side.Sell)
        {
            if (position <= 0) return false;
            long ahead = exit ? s.WorkingExit : s.WorkingSell;
            return ahead + quantity <= position;
        }
        if (position >= 0) return false;
        long aheadBuy = exit ? s.WorkingExit : s.WorkingBuy;
        return aheadBuy + quantity <= -position;
    }

    // ---- working orders (the order manager reports every change) ----

    public void AddWorking(InstrumentState s, Side side, long quantity, bool exit, bool newOrder)
    {
        if (side == Side.Buy) s.WorkingBuy += quantity; else s.WorkingSell += quantity;
        if (exit) s.WorkingExit += quantity;
        if (newOrder)
        {
            s.WorkingCount++;
            _openOrders++;
        }
        Revalue(s);
    }

    public void RemoveWorking(InstrumentState s, Side side, long quantity, bool exit, bool orderDone)
    {
        if (side == Side.Buy) s.WorkingBuy -= quantity; else s.WorkingSell -= quantity;
        if (exit) s.WorkingExit -= quantity;
        if (orderDone)
        {
            s.WorkingCount--;
            _openOrders--;
        }
        Revalue(s);
    }

    /// <summary>
    /// Summed fresh on each check rather than kept as a running total: a handful of instruments costs a few
    /// adds, and a limit compared against a total that drifts by rounding could let an order through by an ulp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ExposureExcept(InstrumentState? except)
    {
        double total = 0;
        InstrumentState[] all = _instruments;
        for (int i = 0; i < all.Length; i++)
            if (all[i] != except) total += all[i].Exposure;
        return total;
    }

    /// <summary>The largest |position| the working orders can lead to: all buys fill, or all sells do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long WorstCase(long position, long workingBuy, long workingSell) =>
        Math.Max(Math.Abs(position + workingBuy), Math.Abs(position - workingSell));

    // ---- fills, marks, breakers ----

    /// <summary>Applies a fill to the position and re-evaluates the breakers. Returns the realized profit.</summary>
    public double OnFill(InstrumentState s, Side side, long quantity, long price, long nowNs)
    {
        double realized = s.Position.Apply(side, quantity, price, nowNs, s.Spec.NotionalDivisor, out bool closedTrip, out double trip);
        _realized += realized;
        if (closedTrip)
        {
            if (trip < 0) _consecutiveLosses++;
            else _consecutiveLosses = 0;
            if (_limits.MaxConsecutiveLosses > 0 && _consecutiveLosses >= _limits.MaxConsecutiveLosses && _state != TradingState.Halted)
                Transition(TradingState.Halted, StateCause.ConsecutiveLosses, nowNs);
        }
        OnMark(s, nowNs);
        return realized;
    }

    /// <summary>Revalues one instrument's position at its mark and checks the loss limits. Call when its prices change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMark(InstrumentState s, long nowNs)
    {
        Revalue(s);
        double loss = -(_realized + _unrealized - _equityAtDayStart);
        if (loss >= _limits.ReduceAtLoss) OnLoss(loss, nowNs);
    }

    /// <summary>
    /// Re-values one instrument at its mark: unrealized profit, and exposure as the worst case of the
    /// position with its working orders (what the exposure limit bounds), keeping the totals current.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Revalue(InstrumentState s)
    {
        long mark = s.Mark;
        if (mark <= 0) return;
        double unrealized = s.Position.Unrealized(mark, s.Spec.NotionalDivisor);
        double exposure = s.Spec.Notional(WorstCase(s.Position.Quantity, s.WorkingBuy, s.WorkingSell), mark);
        _unrealized += unrealized - s.Unrealized;
        s.Unrealized = unrealized;
        s.Exposure = exposure;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnLoss(double loss, long nowNs)
    {
        if (loss >= _limits.DailyLossLimit)
        {
            if (_state == TradingState.Halted) return;
            Transition(TradingState.Halted, StateCause.DailyLoss, nowNs);
            if (_limits.Config.OnDailyLoss == BreakerAction.Flatten) FlattenRequested = true;
            return;
        }
        if (_state == TradingState.Active) Transition(TradingState.Reducing, StateCause.LossWarning, nowNs);
    }

    /// <summary>
    /// A new trading day: the day's loss is measured from the equity now, and the loss breakers (daily loss,
    /// loss warning) release. Operator halts and the consecutive-loss breaker stay until <c>resume</c>.
    /// </summary>
    public void StartDay(long nowNs)
    {
        // Re-sum from the positions so rounding in the running totals never carries into a new day.
        double unrealized = 0;
        foreach (InstrumentState s in _instruments) unrealized += s.Unrealized;
        _unrealized = unrealized;
        _equityAtDayStart = _realized + _unrealized;
        if (_state != TradingState.Active && _cause is StateCause.DailyLoss or StateCause.LossWarning)
            Transition(TradingState.Active, StateCause.NewDay, nowNs);
    }

    public void Halt(StateCause cause, long nowNs)
    {
        if (_state != TradingState.Halted) Transition(TradingState.Halted, cause, nowNs);
    }

    public void Reduce(StateCause cause, long nowNs)
    {
        if (_state == TradingState.Active) Transition(TradingState.Reducing, cause, nowNs);
    }

    /// <summary>Back to ACTIVE and the consecutive-loss count cleared. A loss still over a limit trips its breaker again at the next mark.</summary>
    public void Resume(long nowNs)
    {
        _consecutiveLosses = 0;
        if (_state != TradingState.Active) Transition(TradingState.Active, StateCause.Operator, nowNs);
    }

    private void Transition(TradingState to, StateCause cause, long nowNs)
    {
        var t = new StateTransition(_state, to, cause, nowNs);
        _state = to;
        _cause = cause;
        if (_transitionCount < MaxPendingTransitions) _transitions[_transitionCount++] = t;
    }

    /// <summary>State changes since the last call, oldest first (the engine logs them and acts on HALTED).</summary>
    public ReadOnlySpan<StateTransition> PendingTransitions => _transitions.AsSpan(0, _transitionCount);

    public bool HasPendingTransitions => _transitionCount != 0;

    public void ClearTransitions() => _transitionCount = 0;

    // ---- feed health and data quality ----

    /// <summary>A feed status event; <see cref="MarketEvent.NoInstrument"/> applies to every instrument.</summary>
    public void OnStatus(FeedStatus status, int instrumentId, long nowNs)
    {
        if (instrumentId == MarketEvent.NoInstrument)
        {
            foreach (InstrumentState s in _instruments) ApplyStatus(s, status, nowNs);
        }
        else if ((uint)instrumentId < (uint)_instruments.Length)
        {
            ApplyStatus(_instruments[instrumentId], status, nowNs);
        }
    }

    private static void ApplyStatus(InstrumentState s, FeedStatus status, long nowNs)
    {
        switch (status)
        {
            case FeedStatus.Stale: s.Health |= FeedHealth.Stale; break;
            case FeedStatus.Reconnecting: s.Health |= FeedHealth.Reconnecting; break;
            case FeedStatus.Gap: s.Health |= FeedHealth.Gap; s.GapSinceNs = nowNs; break;
            case FeedStatus.Dropped: s.Health |= FeedHealth.Overload; s.GapSinceNs = nowNs; break;
            case FeedStatus.Resynced: s.Health &= ~(FeedHealth.Gap | FeedHealth.Overload); break;
        }
    }

    /// <summary>A data event for <paramref name="s"/>: clears staleness; a snapshot (or a quiet period) clears a gap; a block on a jump runs out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnData(InstrumentState s, MarketEventKind kind, long nowNs)
    {
        if (s.Health == FeedHealth.Healthy) return;
        ClearHealth(s, kind, nowNs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ClearHealth(InstrumentState s, MarketEventKind kind, long nowNs)
    {
        s.Health &= ~(FeedHealth.Stale | FeedHealth.Reconnecting);
        if ((s.Health & (FeedHealth.Gap | FeedHealth.Overload)) != 0 &&
            (kind == MarketEventKind.DepthSnapshot || nowNs - s.GapSinceNs >= _limits.GapClearNs))
            s.Health &= ~(FeedHealth.Gap | FeedHealth.Overload);
        if ((s.Health & FeedHealth.Jump) != 0 && nowNs >= s.JumpBlockedUntilNs) s.Health &= ~FeedHealth.Jump;
    }

    /// <summary>Whether the feed gate wants this instrument's position closed now.</summary>
    public bool FeedGateWantsFlat(InstrumentState s) =>
        _limits.Config.FeedGate == FeedGateAction.Flatten &&
        (s.Health & (FeedHealth.Stale | FeedHealth.Gap | FeedHealth.Overload | FeedHealth.Reconnecting)) != 0 &&
        !s.Position.IsFlat;

    /// <summary>
    /// Checks a new trade against the previous one: true (and counted) when it moved more than the alert
    /// threshold, the missed-tick pattern. With JumpAction BlockEntries the instrument takes no entries for a while.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CheckJump(InstrumentState s, long price, long previous, long nowNs)
    {
        if (_limits.JumpPpm == 0 || previous <= 0) return false;
        if (Math.BigMul(Math.Abs(price - previous), RiskLimits.Million) <= Math.BigMul(previous, _limits.JumpPpm)) return false;
        _jumpAlerts++;
        if (_limits.Config.JumpAction == JumpAction.BlockEntries)
        {
            s.Health |= FeedHealth.Jump;
            s.JumpBlockedUntilNs = nowNs + _limits.JumpBlockNs;
        }
        return true;
    }

    private static long SaturatingMultiply(long a, long b) => a > long.MaxValue / b ? long.MaxValue : a * b;
}
