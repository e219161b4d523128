using System.Runtime.CompilerServices;
using Appliance.Trading.Bars;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;

namespace Appliance.Trading.Indicators;

/// <summary>
/// The indicators one strategy keeps for one instrument, fed by the engine before the strategy runs:
/// every trade feeds the bar aggregator, the session VWAP and the tick streaks; closed bars feed ATR; the
/// price indicators (EMAs, MACD, RSI, Bollinger) take bar closes or every trade price as configured.
/// </summary>
public sealed class IndicatorSet
{
    private readonly InstrumentSpec _spec;
    private readonly bool _fromBars;

    public IndicatorSet(IndicatorConfig config, InstrumentSpec spec)
    {
        _spec = spec;
        _fromBars = config.Input == IndicatorInput.Bars;
        FastEma = new Ema(config.EmaFast);
        SlowEma = new Ema(config.EmaSlow);
        Macd = new Macd(config.MacdFast, config.MacdSlow, config.MacdSignal);
        Rsi = new Rsi(config.RsiPeriod);
        Bollinger = new Bollinger(config.BollingerPeriod, (double)config.BollingerWidth);
        Atr = new Atr(config.AtrPeriod);
        Vwap = new SessionVwap();
        Bars = new BarAggregator(ToBarSpec(config.Bar, spec));
    }

    public Ema FastEma { get; }
    public Ema SlowEma { get; }
    public Macd Macd { get; }
    public Rsi Rsi { get; }
    public Bollinger Bollinger { get; }
    public Atr Atr { get; }
    public SessionVwap Vwap { get; }
    public BarAggregator Bars { get; }

    /// <summary>Price units of the last and the previous trade.</summary>
    public long LastTrade { get; private set; }
    public long PreviousTrade { get; private set; }

    /// <summary>Trades in a row that printed above (below) the one before; an unchanged price keeps both streaks.</summary>
    public int UpTicks { get; private set; }
    public int DownTicks { get; private set; }

    public long TradeCount { get; private set; }

    /// <summary>The price indicators fed since the last update changed (a bar closed, or a trade in trade mode).</summary>
    public long Updates { get; private set; }

    /// <summary>EMAs, MACD and RSI all past their warm-up.</summary>
    public bool IsReady => SlowEma.IsReady && FastEma.IsReady && Macd.IsReady && Rsi.IsReady;

    public static BarSpec ToBarSpec(BarConfig bar, InstrumentSpec spec) => bar.Kind switch
    {
        BarKindConfig.Time => new BarSpec(BarKind.Time, (long)(bar.Size * 1_000_000m)),
        BarKindConfig.Tick => new BarSpec(BarKind.Tick, (long)bar.Size),
        _ => new BarSpec(BarKind.Volume, (long)(bar.Size * (decimal)spec.QuantityDivisor)),
    };

    /// <summary>A trade. Returns true when it closed a bar, which the caller passes to <see cref="OnBar"/> and the strategy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnTrade(long timeNs, long price, long quantity, out Bar closed)
    {
        if (LastTrade > 0)
        {
            if (price > LastTrade) { UpTicks++; DownTicks = 0; }
            else if (price < LastTrade) { DownTicks++; UpTicks = 0; }
        }
        PreviousTrade = LastTrade;
        LastTrade = price;
        TradeCount++;
        double p = _spec.ToPrice(price);
        Vwap.Update(p, _spec.ToQuantity(quantity));
        if (!_fromBars) UpdatePriceIndicators(p);
        return Bars.OnTrade(timeNs, price, quantity, out closed);
    }

    /// <summary>Closes a time bar whose interval ended (any event's time counts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnTime(long timeNs, out Bar closed) => Bars.OnTime(timeNs, out closed);

    public void OnBar(in Bar bar)
    {
        Atr.Update(_spec.ToPrice(bar.High), _spec.ToPrice(bar.Low), _spec.ToPrice(bar.Close));
        if (_fromBars) UpdatePriceIndicators(_spec.ToPrice(bar.Close));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdatePriceIndicators(double price)
    {
        FastEma.Update(price);
        SlowEma.Update(price);
        Macd.Update(price);
        Rsi.Update(price);
        Bollinger.Update(price);
        Updates++;
    }

    /// <summary>A new session: the VWAP restarts at its anchor.</summary>
    public void StartSession(long anchorNs) => Vwap.Reset(anchorNs);
}
