using Appliance.Trading.Indicators;

namespace Appliance.Trading.Tests.Indicators;

/// <summary>
/// Every incremental indicator against its plain definition (<see cref="Reference"/>) on random walks, at
/// every step once ready: relative error at most 1e-9. Long series check that rolling updates do not drift.
/// </summary>
public class ReferenceComparisonTests
{
    [TestCase(1, 10)]
    [TestCase(2, 26)]
    [TestCase(3, 1)]
    public void Ema_matches_the_closed_form(int seed, int period)
    {
        List<double> x = Reference.RandomWalk(seed, 1500);
        var ema = new Ema(period);
        for (int t = 0; t < x.Count; t++)
        {
            ema.Update(x[t]);
            Assert.That(ema.IsReady, Is.EqualTo(t >= period - 1));
            if (ema.IsReady) Reference.AssertClose(ema.Value, Reference.Ema(x, period, t), 0, $"EMA({period}) at {t}");
        }
    }

    [TestCase(4, 20)]
    [TestCase(5, 1)]
    public void Sma_matches_the_window_mean(int seed, int period)
    {
        List<double> x = Reference.RandomWalk(seed, 3000, level: 50_000);
        var sma = new Sma(period);
        for (int t = 0; t < x.Count; t++)
        {
            sma.Update(x[t]);
            Assert.That(sma.IsReady, Is.EqualTo(t >= period - 1));
            if (sma.IsReady) Reference.AssertClose(sma.Value, Reference.Mean(x, t, period), 0, $"SMA({period}) at {t}");
        }
    }

    [Test]
    public void Sma_does_not_drift_over_a_long_series()
    {
        List<double> x = Reference.RandomWalk(6, 400_000, level: 64_000, volatility: 0.01);
        var sma = new Sma(50);
        for (int t = 0; t < x.Count; t++) sma.Update(x[t]);
        Reference.AssertClose(sma.Value, Reference.Mean(x, x.Count - 1, 50), 0, "SMA after 400k values");
    }

    [TestCase(7, 20, 100.0)]
    [TestCase(8, 50, 64_000.0)]
    public void Bollinger_matches_two_pass_mean_and_variance(int seed, int period, double level)
    {
        List<double> x = Reference.RandomWalk(seed, 3000, level);
        var bands = new Bollinger(period, 2.0);
        for (int t = 0; t < x.Count; t++)
        {
            bands.Update(x[t]);
            if (!bands.IsReady) continue;
            double variance = Reference.Variance(x, t, period);
            Reference.AssertClose(bands.Middle, Reference.Mean(x, t, period), 0, $"middle at {t}");
            Reference.AssertClose(bands.StandardDeviation, Math.Sqrt(variance), 0, $"standard deviation at {t}");
            Reference.AssertClose(bands.Upper, Reference.Mean(x, t, period) + 2 * Math.Sqrt(variance), 0, $"upper at {t}");
        }
    }

    [Test]
    public void Bollinger_stays_accurate_when_the_spread_is_tiny_against_the_price_for_a_long_time()
    {
        // Prices near 1e6 moving by cents: Σx² − (Σx)²/n would lose every digit of the variance here.
        var random = new Random(9);
        var x = new List<double>();
        for (int i = 0; i < 300_000; i++) x.Add(1_000_000 + Math.Round(random.NextDouble(), 2));
        var bands = new Bollinger(20, 2);
        for (int t = 0; t < x.Count; t++)
        {
            bands.Update(x[t]);
            if (t % 997 == 0 && bands.IsReady)
                Reference.AssertClose(bands.StandardDeviation, Math.Sqrt(Reference.Variance(x, t, 20)), 0, $"standard deviation at {t}");
        }
    }

    [TestCase(10, 14)]
    [TestCase(11, 2)]
    public void Rsi_matches_wilder_smoothing_from_scratch(int seed, int period)
    {
        List<double> x = Reference.RandomWalk(seed, 700);
        var rsi = new Rsi(period);
        for (int t = 0; t < x.Count; t++)
        {
            rsi.Update(x[t]);
            Assert.That(rsi.IsReady, Is.EqualTo(t >= period));
            if (rsi.IsReady) Reference.AssertClose(rsi.Value, Reference.Rsi(x, period, t), 0, $"RSI({period}) at {t}");
        }
    }

    [Test]
    public void Macd_matches_its_definition_from_reference_emas()
    {
        const int fast = 12, slow = 26, signal = 9;
        List<double> x = Reference.RandomWalk(12, 900);
        var macd = new Macd(fast, slow, signal);
        var line = new List<double>();
        for (int t = 0; t < x.Count; t++)
        {
            macd.Update(x[t]);
            if (t < slow - 1) continue;
            double expectedLine = Reference.Ema(x, fast, t) - Reference.Ema(x, slow, t);
            line.Add(expectedLine);
            // The line is a difference of two prices: judge it against the price level, not its own size near zero.
            Reference.AssertClose(macd.Line, expectedLine, x[t], $"MACD line at {t}");
            Assert.That(macd.IsReady, Is.EqualTo(line.Count >= signal));
            if (!macd.IsReady) continue;
            double expectedSignal = Reference.Ema(line, signal, line.Count - 1);
            Reference.AssertClose(macd.Signal, expectedSignal, x[t], $"MACD signal at {t}");
            Reference.AssertClose(macd.Histogram, expectedLine - expectedSignal, x[t], $"MACD histogram at {t}");
        }
    }

    [TestCase(13, 14)]
    public void Atr_matches_wilder_smoothing_of_true_ranges(int seed, int period)
    {
        var random = new Random(seed);
        var bars = new List<(double, double, double)>();
        double p = 100;
        for (int i = 0; i < 600; i++)
        {
            double open = p;
            double close = Math.Round(p * (1 + 0.01 * (random.NextDouble() * 2 - 1)), 2);
            double high = Math.Round(Math.Max(open, close) * (1 + 0.005 * random.NextDouble()), 2);
            double low = Math.Round(Math.Min(open, close) * (1 - 0.005 * random.NextDouble()), 2);
            bars.Add((high, low, close));
            p = close;
        }
        List<double> tr = Reference.TrueRanges(bars);
        var atr = new Atr(period);
        for (int t = 0; t < bars.Count; t++)
        {
            atr.Update(bars[t].Item1, bars[t].Item2, bars[t].Item3);
            Assert.That(atr.TrueRange, Is.EqualTo(tr[t]));
            Assert.That(atr.IsReady, Is.EqualTo(t >= period - 1));
            if (atr.IsReady) Reference.AssertClose(atr.Value, Reference.Wilder(tr, period, t), 0, $"ATR at {t}");
        }
    }

    [Test]
    public void Vwap_matches_direct_sums()
    {
        var random = new Random(14);
        List<double> x = Reference.RandomWalk(14, 5000, level: 30_000);
        var vwap = new SessionVwap();
        double notional = 0, volume = 0;
        for (int t = 0; t < x.Count; t++)
        {
            double q = Math.Round(random.NextDouble() * 3, 4);
            vwap.Update(x[t], q);
            if (q > 0) { notional += x[t] * q; volume += q; }
            if (volume > 0) Reference.AssertClose(vwap.Value, notional / volume, 0, $"VWAP at {t}");
        }
    }
}
