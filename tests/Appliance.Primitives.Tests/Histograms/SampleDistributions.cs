namespace Appliance.Primitives.Tests.Histograms;

/// <summary>Seeded value sets for histogram tests: each is (histogram layout, values) with a readable name.</summary>
public static class SampleDistributions
{
    public sealed record Sample(string Name, long Lowest, long Highest, int Digits, long[] Values)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Sample> All(int count = 20_000)
    {
        yield return Generate("uniform 0..1e6, 3 digits", 1, 3_600_000_000, 3, count, r => r.NextInt64(0, 1_000_001));
        yield return Generate("log-normal ns latencies, 3 digits", 1, 3_600_000_000_000, 3, count, r => LogNormal(r, Math.Log(20_000), 1.2));
        yield return Generate("bimodal with rare outliers, 2 digits", 1, 3_600_000_000, 2, count, r =>
        {
            double u = r.NextDouble();
            if (u < 0.90) return Math.Max(0, (long)Normal(r, 1_000, 50));
            if (u < 0.999) return Math.Max(0, (long)Normal(r, 50_000, 5_000));
            return r.NextInt64(1_000_000, 1_000_000_000);
        });
        yield return Generate("exponential, lowest 1000 (unit 512), 4 digits", 1000, 3_600_000_000_000, 4, count,
            r => (long)(-Math.Log(1 - r.NextDouble()) * 5_000_000));
        yield return Generate("small values 0..20, 1 digit", 1, 100, 1, count, r => r.NextInt64(0, 21));
        yield return Generate("near the top of the range, 5 digits", 1, 10_000_000, 5, count, r => r.NextInt64(5_000_000, 16_777_216));
        yield return Generate("one repeated value, 5 digits", 1, 1_000_000, 5, count, _ => 777_777);
        yield return Generate("powers of two and neighbours, 2 digits", 1, long.MaxValue, 2, count, r =>
        {
            long p = 1L << r.Next(0, 62);
            return p + r.Next(-1, 2) is var v && v >= 0 ? v : 0;
        });
    }

    public static Sample Generate(string name, long lowest, long highest, int digits, int count, Func<Random, long> next)
    {
        var random = new Random(name.Length * 7919 + count);
        var values = new long[count];
        for (int i = 0; i < count; i++)
            values[i] = next(random);
        return new Sample(name, lowest, highest, digits, values);
    }

    private static long LogNormal(Random r, double mu, double sigma) => (long)Math.Exp(Normal(r, mu, sigma));

    private static double Normal(Random r, double mean, double deviation)
    {
        double u1 = 1.0 - r.NextDouble();
        double u2 = r.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
