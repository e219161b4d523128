using Appliance.Logging;
using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Exits;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Shadow;

/// <summary>
/// Shadow mode (A/B): a second strategy configuration on the same events, on the strategy thread, that
/// never sends an order. It is a second, complete <see cref="TradingEngine"/> — its own indicators, risk
/// (the live limits), exits and positions — trading the paper gateway (the same execution model the live
/// side uses in paper mode), so with the live configuration it decides exactly as the live side does, and
/// any difference comes from the configuration (or, against a real venue, from real execution). After
/// every event its decisions — intents and exit triggers, per instrument — are compared with the live
/// ones; each difference is counted, logged (category Trading.Shadow) and kept in a ring of the last 64
/// for operators. Operator commands reach it too, so a halt does not show up as a divergence. No
/// allocation per event.
/// </summary>
public sealed class ShadowRunner
{
    private const int RecentCapacity = 64;

    private readonly TradingEngine _engine;
    private readonly InstrumentState[] _live;
    private readonly Logger? _log;
    private readonly Divergence[] _recent = new Divergence[RecentCapacity];
    private long _recentCount; // written by the strategy thread after the entry; readers check it did not move

    internal ShadowRunner(TradingEngineOptions live, StrategyConfig config, InstrumentState[] liveStates, Logger? log)
    {
        _live = liveStates;
        _log = log;
        _engine = new TradingEngine(new TradingEngineOptions
        {
            Instruments = live.Instruments,
            Books = live.Books,
            Trading = live.Trading with
            {
                Gateway = GatewayKind.Paper,
                Shadow = null,
                DecisionLog = new DecisionLogConfig { Directory = null, LogLines = false, RingCapacity = 1024 },
            },
            Risk = live.Risk,
            Strategy = config,
            ClientOrderIdBase = 0,
            SnapshotInterval = TimeSpan.FromDays(1),
            RecordDecisions = false,
        });
    }

    /// <summary>The shadow engine (its positions, risk state and quotes are its own).</summary>
    public TradingEngine Engine => _engine;

    public long Intents { get; private set; }
    public long Divergences { get; private set; }

    /// <summary>The shadow's position in an instrument.</summary>
    public long PositionOf(int instrumentId) => _engine.Instruments[instrumentId].Position.Quantity;

    /// <summary>
    /// Runs the shadow on the event the live side just handled and compares: <paramref name="live"/> are the
    /// live strategy's intents for this event, <paramref name="liveExits"/> the exits the live side triggered.
    /// </summary>
    public void OnEvent(in MarketEvent ev, ReadOnlySpan<Intent> live, ReadOnlySpan<ExitReason> liveExits)
    {
        _engine.OnEvent(in ev);
        ReadOnlySpan<Intent> shadow = _engine.LastIntents;
        Intents += shadow.Length;
        Compare(live, liveExits, shadow, _engine.ExitsThisEvent, _engine.EventIndex, _engine.NowNs);
    }

    /// <summary>Operator commands apply to the shadow as to the live side.</summary>
    internal void Apply(in ControlCommand command) => _engine.ApplyCommand(in command);

    private void Compare(ReadOnlySpan<Intent> a, ReadOnlySpan<ExitReason> liveExits, ReadOnlySpan<Intent> b, ReadOnlySpan<ExitReason> shadowExits,
        long eventIndex, long nowNs)
    {
        for (int id = 0; id < _live.Length; id++)
        {
            ExitReason liveExit = id < liveExits.Length ? liveExits[id] : ExitReason.None;
            ExitReason shadowExit = id < shadowExits.Length ? shadowExits[id] : ExitReason.None;
            int liveCount = 0, shadowCount = 0;
            int firstLive = -1, firstShadow = -1;
            bool same = liveExit == shadowExit;
            // The k-th intent for the instrument on each side must be the same decision.
            int i = 0, j = 0;
            while (true)
            {
                while (i < a.Length && a[i].InstrumentId != id) i++;
                while (j < b.Length && b[j].InstrumentId != id) j++;
                bool hasA = i < a.Length, hasB = j < b.Length;
                if (!hasA && !hasB) break;
                if (hasA) { liveCount++; if (firstLive < 0) firstLive = i; }
                if (hasB) { shadowCount++; if (firstShadow < 0) firstShadow = j; }
                if (hasA != hasB || !a[i].SameDecision(in b[j])) same = false;
                if (hasA) i++;
                if (hasB) j++;
            }
            if (same) continue;
            var d = new Divergence
            {
                EventIndex = eventIndex, TimeNs = nowNs, InstrumentId = id, LiveCount = liveCount, ShadowCount = shadowCount,
                Live = firstLive >= 0 ? a[firstLive] : default, Shadow = firstShadow >= 0 ? b[firstShadow] : default,
                LiveExit = liveExit, ShadowExit = shadowExit,
            };
            Record(in d);
        }
    }

    private void Record(in Divergence d)
    {
        Divergences++;
        _recent[_recentCount % RecentCapacity] = d;
        Volatile.Write(ref _recentCount, _recentCount + 1);
        _log?.Info($"shadow divergence at event {d.EventIndex}: {_live[d.InstrumentId].Spec.Symbol} live {d.Live.Kind} {d.Live.Side} {d.Live.Quantity}@{d.Live.Price} exit {d.LiveExit} (x{d.LiveCount}), shadow {d.Shadow.Kind} {d.Shadow.Side} {d.Shadow.Quantity}@{d.Shadow.Price} exit {d.ShadowExit} (x{d.ShadowCount})");
    }

    /// <summary>Any thread: counters and the most recent divergences, described.</summary>
    public ShadowSnapshot ReadSnapshot()
    {
        // The writer never waits: copy the newest entries, then keep those it cannot have been overwriting
        // meanwhile (logical entry k is overwritten by entry k + capacity, which may be in progress once the
        // count has reached k + capacity).
        var copy = new Divergence[16];
        long before = Volatile.Read(ref _recentCount);
        int n = (int)Math.Min(before, copy.Length);
        for (int k = 0; k < n; k++) copy[k] = _recent[(before - 1 - k) % RecentCapacity];
        long after = Volatile.Read(ref _recentCount);
        var recent = new List<string>(n);
        for (int k = 0; k < n; k++)
        {
            long logical = before - 1 - k;
            if (logical + RecentCapacity <= after) break;
            recent.Add(copy[k].Describe(id => (uint)id < (uint)_live.Length ? _live[id].Spec.Symbol : "-"));
        }
        return new ShadowSnapshot(_engine.StrategyName, Intents, Divergences, recent);
    }
}
