using Appliance.Trading.Indicators;

namespace Appliance.Trading.Tests.Indicators;

/// <summary>Worked examples from the literature, checked to their printed precision.</summary>
public class TextbookExampleTests
{
    // StockCharts' RSI worked example (14 periods). Tables that carry rounded averages from row to row print
    // a different second decimal now and then (70.53 for the first value); these are the same closes at full
    // precision (avg gain 0.2386, avg loss 0.1000 → 70.46), as unrounded implementations print them.
    private static readonly double[] RsiCloses =
    [
        44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28,
        46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57,
        43.42, 42.66, 43.13,
    ];

    private static readonly double[] RsiExpected =
    [
        70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02, 41.49, 41.90,
        45.50, 37.32, 33.09, 37.79,
    ];

    [Test]
    public void Rsi_matches_the_worked_example()
    {
        var rsi = new Rsi(14);
        var values = new List<double>();
        for (int i = 0; i < RsiCloses.Length; i++)
        {
            rsi.Update(RsiCloses[i]);
            Assert.That(rsi.IsReady, Is.EqualTo(i >= 14), $"ready flag after close {i}");
            if (rsi.IsReady) values.Add(Math.Round(rsi.Value, 2));
        }
        Assert.That(values, Is.EqualTo(RsiExpected));
    }

    [Test]
    public void Rsi_first_averages_are_the_simple_means_of_the_first_changes()
    {
        var rsi = new Rsi(14);
        for (int i = 0; i <= 14; i++) rsi.Update(RsiCloses[i]);
        Assert.That(rsi.AverageGain, Is.EqualTo(3.34 / 14).Within(1e-12));
        Assert.That(rsi.AverageLoss, Is.EqualTo(0.1).Within(1e-12)); // losses 0.25 + 0.54 + 0.19 + 0.42 over 14
    }

    // StockCharts' 10-day EMA worked example: seeded with the 10-day SMA (22.22), α = 2/11.
    private static readonly double[] EmaCloses =
    [
        22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38, 22.61, 23.36,
        24.05, 23.75, 23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.10, 23.33, 22.68, 23.10, 22.40, 22.17,
    ];

    // As printed; the table carries rounded values forward, so a printed figure can differ by one cent
    // from the exact one (23.54 where full precision gives 23.5335).
    private static readonly double[] EmaExpected =
    [
        22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.80, 22.97, 23.13, 23.28, 23.34, 23.43, 23.51, 23.54, 23.47,
        23.40, 23.39, 23.26, 23.23, 23.08, 22.92,
    ];

    [Test]
    public void Ema_matches_the_worked_example()
    {
        var ema = new Ema(10);
        var values = new List<double>();
        for (int i = 0; i < EmaCloses.Length; i++)
        {
            ema.Update(EmaCloses[i]);
            Assert.That(ema.IsReady, Is.EqualTo(i >= 9));
            if (ema.IsReady) values.Add(ema.Value);
        }
        Assert.That(values, Has.Count.EqualTo(EmaExpected.Length));
        for (int i = 0; i < values.Count; i++) Assert.That(values[i], Is.EqualTo(EmaExpected[i]).Within(0.0101), $"EMA #{i}");
    }

    [Test]
    public void Bollinger_standard_deviation_of_the_classic_example_is_two()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population standard deviation 2.
        var bands = new Bollinger(8, 2);
        foreach (double x in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 }) bands.Update(x);
        Assert.That(bands.IsReady, Is.True);
        Assert.That(bands.Middle, Is.EqualTo(5));
        Assert.That(bands.StandardDeviation, Is.EqualTo(2));
        Assert.That(bands.Upper, Is.EqualTo(9));
        Assert.That(bands.Lower, Is.EqualTo(1));
    }

    [Test]
    public void Atr_follows_wilder_smoothing_on_a_hand_computed_series()
    {
        var atr = new Atr(3);
        // True ranges 2 (first bar: H−L), 3 (|14−11|), 4 (H−L and |9−13|); then 6 (|16−10|).
        atr.Update(12, 10, 11);
        atr.Update(14, 12, 13);
        Assert.That(atr.IsReady, Is.False);
        atr.Update(13, 9, 10);
        Assert.That(atr.IsReady, Is.True);
        Assert.That(atr.Value, Is.EqualTo(3)); // (2 + 3 + 4) / 3
        atr.Update(16, 15, 15);
        Assert.That(atr.TrueRange, Is.EqualTo(6));
        Assert.That(atr.Value, Is.EqualTo(4)); // (3·2 + 6) / 3
    }

    [Test]
    public void Vwap_weights_prices_by_volume_and_restarts_at_the_anchor()
    {
        var vwap = new SessionVwap();
        Assert.That(vwap.IsReady, Is.False);
        vwap.Update(10, 1);
        vwap.Update(13, 2);
        Assert.That(vwap.Value, Is.EqualTo(12));
        vwap.Reset(anchorTimeNs: 5);
        Assert.That(vwap.IsReady, Is.False);
        Assert.That(vwap.AnchorTimeNs, Is.EqualTo(5));
        vwap.Update(20, 3);
        Assert.That(vwap.Value, Is.EqualTo(20));
    }

    [Test]
    public void Macd_becomes_ready_after_slow_plus_signal_minus_one_values()
    {
        var macd = new Macd(3, 5, 4);
        for (int i = 1; i <= 8; i++)
        {
            macd.Update(i * 1.5);
            Assert.That(macd.IsLineReady, Is.EqualTo(i >= 5));
            Assert.That(macd.IsReady, Is.EqualTo(i >= 8), $"after {i} values");
        }
        // A straight line: both EMAs lag by (n−1)/2 steps of 1.5, so the line is constant and the histogram 0.
        Assert.That(macd.Line, Is.EqualTo((4 - 2) / 2.0 * 1.5).Within(1e-12));
        Assert.That(macd.Histogram, Is.EqualTo(0).Within(1e-12));
    }
}
