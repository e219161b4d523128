namespace Appliance.Trading.Tests.Indicators;

/// <summary>
/// Plain, non-incremental definitions to check the incremental indicators against: every value is computed
/// from the whole history (closed forms of the smoothing recursions, direct sums over windows), so an
/// error in a rolling update cannot hide in the same mistake twice.
/// </summary>
internal static class Reference
{
    /// <summary>EMA at index t (≥ period−1) with α = 2/(n+1), seeded with the mean of the first n values.</summary>
    public static double Ema(IReadOnlyList<double> x, int period, int t) => Smoothed(x, period, t, 2.0 / (period + 1));

    /// <summary>Wilder's smoothing (α = 1/n) of x, seeded with the mean of its first n values, at index t.</summary>
    public static double Wilder(IReadOnlyList<double> x, int period, int t) => Smoothed(x, period, t, 1.0 / period);

    // Closed form: (1−α)^(t−n+1)·seed + Σ_{k=n..t} α(1−α)^(t−k)·x_k.
    private static double Smoothed(IReadOnlyList<double> x, int period, int t, double alpha)
    {
        double seed = 0;
        for (int k = 0; k < period; k++) seed += x[k];
        seed /= period;
        double sum = 0;
        for (int k = period; k <= t; k++) sum += alpha * Math.Pow(1 - alpha, t - k) * x[k];
        return Math.Pow(1 - alpha, t - period + 1) * seed + sum;
    }

    public static double Mean(IReadOnlyList<double> x, int end, int period)
    {
        double sum = 0;
        for (int k = end - period + 1; k <= end; k++) sum += x[k];
        return sum / period;
    }

    /// <summary>Population variance of x[end−period+1..end], two passes.</summary>
    public static double Variance(IReadOnlyList<double> x, int end, int period)
    {
        double mean = Mean(x, end, period);
        double sum = 0;
        for (int k = end - period + 1; k <= end; k++) sum += (x[k] - mean) * (x[k] - mean);
        return sum / period;
    }

    /// <summary>Wilder RSI after value index t (t ≥ period).</summary>
    public static double Rsi(IReadOnlyList<double> x, int period, int t)
    {
        var gains = new List<double>();
        var losses = new List<double>();
        for (int k = 1; k <= t; k++)
        {
            double c = x[k] - x[k - 1];
            gains.Add(Math.Max(c, 0));
            losses.Add(Math.Max(-c, 0));
        }
        double g = Wilder(gains, period, t - 1);
        double l = Wilder(losses, period, t - 1);
        return l == 0 ? (g == 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
    }

    public static List<double> TrueRanges(IReadOnlyList<(double High, double Low, double Close)> bars)
    {
        var tr = new List<double>();
        for (int i = 0; i < bars.Count; i++)
        {
            double r = bars[i].High - bars[i].Low;
            if (i > 0)
            {
                r = Math.Max(r, Math.Abs(bars[i].High - bars[i - 1].Close));
                r = Math.Max(r, Math.Abs(bars[i].Low - bars[i - 1].Close));
            }
            tr.Add(r);
        }
        return tr;
    }

    /// <summary>A random walk around <paramref name="level"/> with relative steps of about <paramref name="volatility"/>.</summary>
    public static List<double> RandomWalk(int seed, int count, double level = 100, double volatility = 0.002)
    {
        var random = new Random(seed);
        var x = new List<double>(count);
        double p = level;
        for (int i = 0; i < count; i++)
        {
            p *= 1 + volatility * (random.NextDouble() * 2 - 1);
            // Cents, as prices arrive.
            x.Add(Math.Round(p, 2));
        }
        return x;
    }

    public static void AssertClose(double actual, double expected, double scale, string what)
    {
        double tolerance = 1e-9 * Math.Max(Math.Abs(expected), scale);
        if (Math.Abs(actual - expected) > tolerance)
            Assert.Fail($"{what}: {actual:R} vs reference {expected:R} (relative error {Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), scale):E2} > 1e-9)");
    }
}
