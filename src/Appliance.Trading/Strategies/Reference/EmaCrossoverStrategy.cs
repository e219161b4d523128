using Appliance.MarketData.Events;
using Appliance.Trading.Bars;
using Appliance.Trading.Config;
using Appliance.Trading.Risk;
using Appliance.Trading.Sessions;

namespace Appliance.Trading.Strategies.Reference;

/// <summary>
/// The reference strategy: a fast/slow EMA crossover arms a signal; MACD must agree (histogram above zero
/// for longs, below for shorts) and RSI must not be stretched (at most RsiMaxForLong for longs, at least
/// RsiMinForShort for shorts); the entry waits for N trades in a row printing in the signal's direction.
/// Entries only when flat, warm, inside the session window and ACTIVE; an opposite crossover closes the
/// position (if configured); everything else is left to the exit rules.
/// </summary>
public sealed class EmaCrossoverStrategy : IStrategy
{
    private readonly EmaCrossoverConfig _config;
    private readonly double _orderNotional;
    private readonly bool _allowShort;
    private readonly double _rsiMaxForLong;
    private readonly double _rsiMinForShort;
    private readonly sbyte[] _lastSide;   // sign of fast − slow at the last indicator update
    private readonly long[] _lastUpdate;  // indicator update count seen
    private readonly sbyte[] _armed;      // +1 long signal waiting for confirmation, −1 short, 0 none

    public EmaCrossoverStrategy(StrategyConfig config, int instrumentCount)
    {
        _config = config.EmaCrossover;
        _orderNotional = (double)config.OrderNotional;
        _allowShort = config.AllowShort;
        _rsiMaxForLong = (double)_config.RsiMaxForLong;
        _rsiMinForShort = (double)_config.RsiMinForShort;
        _lastSide = new sbyte[instrumentCount];
        _lastUpdate = new long[instrumentCount];
        _armed = new sbyte[instrumentCount];
    }

    public string Name => "ema-crossover";

    public bool IsWarm(int instrumentId, StrategyContext context) => context.Indicators(instrumentId).IsReady;

    public void OnBar(int instrumentId, in Bar bar, StrategyContext context, IntentSink intents)
    {
        // Bars feed the indicators; crossovers are read from them on the next event, whatever fed them.
    }

    public void OnEvent(in MarketEvent ev, StrategyContext context, IntentSink intents)
    {
        int id = ev.InstrumentId;
        if (ev.Kind != MarketEventKind.Trade || !context.IsTraded(id)) return;
        IndicatorView ind = context.Indicators(id);
        if (!ind.EmasReady) return;

        if (ind.Updates != _lastUpdate[id])
        {
            _lastUpdate[id] = ind.Updates;
            OnIndicatorUpdate(id, ind, context, intents);
        }

        sbyte armed = _armed[id];
        if (armed == 0) return;
        if (armed > 0 ? ind.UpTicks < _config.ConfirmationTicks : ind.DownTicks < _config.ConfirmationTicks) return;
        _armed[id] = 0;
        if (!ind.IsReady || context.Session != SessionPhase.Open || context.TradingState != TradingState.Active) return;
        if (!context.Position(id).IsFlat) return;
        long price = ind.LastTrade;
        long quantity = context.Instrument(id).RoundDownToLot((long)(_orderNotional / context.Instrument(id).Notional(1, price)));
        if (quantity <= 0) return;
        intents.TargetPosition(id, armed > 0 ? quantity : -quantity);
    }

    private void OnIndicatorUpdate(int id, IndicatorView ind, StrategyContext context, IntentSink intents)
    {
        double diff = ind.FastEma - ind.SlowEma;
        sbyte side = diff > 0 ? (sbyte)1 : diff < 0 ? (sbyte)-1 : (sbyte)0;
        sbyte previous = _lastSide[id];
        if (side != 0) _lastSide[id] = side;
        if (previous == 0 || side == 0 || side == previous) return;

        // A crossover.
        long position = context.Position(id).Quantity;
        if (_config.ExitOnOppositeCross && position != 0 && Math.Sign(position) != side)
            intents.TargetPosition(id, 0);

        if (side > 0 && ind.MacdReady && ind.MacdHistogram > 0 && ind.RsiReady && ind.Rsi <= _rsiMaxForLong) _armed[id] = 1;
        else if (side < 0 && _allowShort && ind.MacdReady && ind.MacdHistogram < 0 && ind.RsiReady && ind.Rsi >= _rsiMinForShort) _armed[id] = -1;
        else _armed[id] = 0;
    }
}
