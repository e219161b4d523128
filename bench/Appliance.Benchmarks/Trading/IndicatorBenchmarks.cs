using Appliance.Trading.Bars;
using Appliance.Trading.Indicators;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Trading;

/// <summary>
/// One update of each incremental indicator and of the bar aggregator. Goal: a few ns each, 0 B (they
/// are a small part of the ≤ 300 ns per event). Baseline: a 20-value moving average recomputed over its
/// window with LINQ on every value, the way indicators are often first written.
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private readonly double[] _prices = new double[4096];
    private readonly double[] _window = new double[20];
    private readonly Ema _ema = new(21);
    private readonly Sma _sma = new(20);
    private readonly Macd _macd = new();
    private readonly Rsi _rsi = new();
    private readonly Bollinger _bollinger = new(20, 2);
    private readonly Atr _atr = new();
    private readonly SessionVwap _vwap = new();
    private readonly BarAggregator _bars = new(BarSpec.Time(TimeSpan.FromSeconds(1)));
    private int _i;
    private long _time = 1_700_000_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        double p = 64_250;
        for (int i = 0; i < _prices.Length; i++) _prices[i] = p *= 1 + (random.NextDouble() - 0.5) * 0.001;
        for (int i = 0; i < 100; i++) Step();
    }

    private double Next() => _prices[_i++ & 4095];

    private void Step()
    {
        double x = Next();
        _ema.Update(x); _sma.Update(x); _macd.Update(x); _rsi.Update(x); _bollinger.Update(x); _atr.Update(x + 1, x - 1, x); _vwap.Update(x, 0.5);
    }

    [Benchmark(Baseline = true)]
    public double Sma_RecomputedWithLinq()
    {
        _window[_i % _window.Length] = Next();
        return _window.Average();
    }

    [Benchmark] public double Ema_Update() { _ema.Update(Next()); return _ema.Value; }
    [Benchmark] public double Sma_Update() { _sma.Update(Next()); return _sma.Value; }
    [Benchmark] public double Macd_Update() { _macd.Update(Next()); return _macd.Histogram; }
    [Benchmark] public double Rsi_Update() { _rsi.Update(Next()); return _rsi.Value; }
    [Benchmark] public double Bollinger_Update() { _bollinger.Update(Next()); return _bollinger.Upper; }

    [Benchmark]
    public double Atr_Update()
    {
        double x = Next();
        _atr.Update(x + 1, x - 1, x);
        return _atr.Value;
    }

    [Benchmark] public double Vwap_Update() { _vwap.Update(Next(), 0.5); return _vwap.Value; }

    [Benchmark]
    public bool BarAggregator_OnTrade() => _bars.OnTrade(_time += 37_000_000, (long)Next(), 1_000, out _);
}
