using System.Buffers.Text;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Benchmarks.FixedPoint;

/// <summary>
/// Parsing a venue's decimal string ("43123.45000000", as Binance sends prices and sizes) to a number.
/// Baseline: Utf8Parser.TryParse(decimal), what a .NET user would pick for exact decimals from UTF-8.
/// Goal: ≥ 3x the baseline, 0 B.
/// </summary>
[MemoryDiagnoser]
public class FixedPointParseBenchmarks
{
    // A mix of the shapes a feed sends: padded prices, small sizes, integers.
    private static readonly byte[][] Inputs =
    [
        "43123.45000000"u8.ToArray(), "0.00120000"u8.ToArray(), "2.50000000"u8.ToArray(),
        "100"u8.ToArray(), "0.01000000"u8.ToArray(), "61234.99000000"u8.ToArray(),
        "17.00432000"u8.ToArray(), "0.00000001"u8.ToArray(),
    ];

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public decimal Utf8Parser_Decimal()
    {
        decimal sum = 0;
        foreach (byte[] s in Inputs)
        {
            Utf8Parser.TryParse(s, out decimal d, out _);
            sum += d;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public double Double_Parse()
    {
        double sum = 0;
        foreach (byte[] s in Inputs) sum += double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public double Utf8Parser_Double()
    {
        double sum = 0;
        foreach (byte[] s in Inputs)
        {
            Utf8Parser.TryParse(s, out double d, out _);
            sum += d;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public long FixedDecimal_TryParse()
    {
        long sum = 0;
        foreach (byte[] s in Inputs)
        {
            FixedDecimal.TryParse(s, 8, out long units);
            sum += units;
        }
        return sum;
    }
}
