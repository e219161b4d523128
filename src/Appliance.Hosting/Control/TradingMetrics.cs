using Appliance.Admin.Metrics;
using Appliance.Hosting.Strategy;
using Appliance.Trading.Engine.Snapshots;

namespace Appliance.Hosting.Control;

/// <summary>
/// The trading engine's series, from its published snapshot: one copy per exposition at most every 100 ms,
/// however many series read it, so a scrape costs one snapshot read and nothing on the strategy thread.
/// </summary>
public static class TradingMetrics
{
    public static void Register(MetricsRegistry m, TradingStage stage)
    {
        var cache = new SnapshotCache(stage);
        m.AddGauge("appliance_trading_state", "Trading state: 0 ACTIVE, 1 REDUCING, 2 HALTED.", () => cache.Get()?.Risk.State switch
        {
            "ACTIVE" => 0,
            "REDUCING" => 1,
            "HALTED" => 2,
            _ => double.NaN,
        });
        m.AddGauge("appliance_trading_day_pnl", "The trading day's realized plus unrealized P&L, quote currency.", () => cache.Get()?.Risk.DailyPnl ?? double.NaN);
        m.AddGauge("appliance_trading_exposure", "Worst-case exposure over instruments, quote currency.", () => cache.Get()?.Risk.Exposure ?? double.NaN);
        m.AddGauge("appliance_trading_open_orders", "Working orders.", () => cache.Get()?.Risk.OpenOrders ?? double.NaN);
        m.AddCounter("appliance_trading_fills_total", "Fill reports applied.", () => cache.Get()?.Risk.Fills ?? 0);
        m.AddCounter("appliance_trading_orders_accepted_total", "Orders that passed pre-trade risk.", () => cache.Get()?.Risk.Accepted ?? 0);
        m.AddCounter("appliance_trading_orders_refused_total", "Orders refused by pre-trade risk (ctl risk: by reason).",
            () => cache.Get() is { } s ? s.Risk.Refusals.Values.Sum() : 0);
        m.AddCounter("appliance_trading_decisions_total", "Decision log records.", () => cache.Get()?.Risk.Decisions ?? 0);
        m.AddCounter("appliance_trading_decisions_dropped_total", "Decision log records lost at a full ring.", () => cache.Get()?.Risk.DecisionsDropped ?? 0);
        var position = m.AddFamily("appliance_trading_position", "Signed position per instrument, in the instrument's quantity.", MetricType.Gauge, "symbol");
        TradingSnapshot? first = stage.Snapshot();
        if (first is null) return;
        for (int i = 0; i < first.Positions.Count; i++)
        {
            int index = i;
            position.Observe([first.Positions[i].Symbol], () => cache.Get() is { } s ? (double)s.Positions[index].Quantity : double.NaN);
        }
    }

    private sealed class SnapshotCache(TradingStage stage)
    {
        private readonly Lock _lock = new();
        private TradingSnapshot? _last;
        private long _at;

        public TradingSnapshot? Get()
        {
            lock (_lock)
            {
                long now = Environment.TickCount64;
                if (_last is null || now - _at > 100)
                {
                    _last = stage.Snapshot() ?? _last;
                    _at = now;
                }
                return _last;
            }
        }
    }
}
