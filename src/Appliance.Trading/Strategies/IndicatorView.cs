using Appliance.Trading.Bars;
using Appliance.Trading.Indicators;

namespace Appliance.Trading.Strategies;

/// <summary>Read-only view of one instrument's indicators for a strategy.</summary>
public readonly struct IndicatorView
{
    private readonly IndicatorSet _set;

    public IndicatorView(IndicatorSet set) => _set = set;

    public bool IsReady => _set.IsReady;
    public double FastEma => _set.FastEma.Value;
    public double SlowEma => _set.SlowEma.Value;
    public bool EmasReady => _set.FastEma.IsReady && _set.SlowEma.IsReady;
    public double MacdLine => _set.Macd.Line;
    public double MacdSignal => _set.Macd.Signal;
    public double MacdHistogram => _set.Macd.Histogram;
    public bool MacdReady => _set.Macd.IsReady;
    public double Rsi => _set.Rsi.Value;
    public bool RsiReady => _set.Rsi.IsReady;
    public double BollingerMiddle => _set.Bollinger.Middle;
    public double BollingerUpper => _set.Bollinger.Upper;
    public double BollingerLower => _set.Bollinger.Lower;
    public bool BollingerReady => _set.Bollinger.IsReady;
    public double Atr => _set.Atr.Value;
    public bool AtrReady => _set.Atr.IsReady;
    public double Vwap => _set.Vwap.Value;
    public bool VwapReady => _set.Vwap.IsReady;
    public long LastTrade => _set.LastTrade;
    public long PreviousTrade => _set.PreviousTrade;
    public int UpTicks => _set.UpTicks;
    public int DownTicks => _set.DownTicks;
    public long TradeCount => _set.TradeCount;
    /// <summary>Increments each time the price indicators take a value (a bar close, or a trade in trade mode).</summary>
    public long Updates => _set.Updates;
    public long ClosedBars => _set.Bars.ClosedCount;
    public Bar LastBar => _set.Bars.Last;
}
