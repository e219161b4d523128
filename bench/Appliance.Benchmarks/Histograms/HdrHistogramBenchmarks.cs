using Appliance.Primitives.Histograms;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Histograms;

/// <summary>
/// Cost of recording one latency sample. Goal: RecordValue &lt;= 3 ns, 0 B.
/// There is no HdrHistogram package to compare with here, so the baseline is the floor any
/// histogram pays: a plain long[] of fixed-width linear buckets (one shift, one increment).
/// </summary>
[MemoryDiagnoser]
public class HdrHistogramBenchmarks
{
    private const int Samples = 1024; // fits L1 alongside the touched counts
    private const int LinearBucketShift = 6; // 64 ns buckets

    private long[] _values = null!;
    private long[] _linearBuckets = null!;
    private HdrHistogram _histogram = null!;
    private IntervalRecorder _recorder = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Log-normal around 20 us, as a feed-to-strategy stage latency in nanoseconds.
        var random = new Random(1);
        _values = new long[Samples];
        for (int i = 0; i < Samples; i++)
        {
            double normal = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            _values[i] = Math.Min((long)Math.Exp(Math.Log(20_000) + 0.8 * normal), 10_000_000);
        }
        _linearBuckets = new long[(10_000_000 >> LinearBucketShift) + 1];
        _histogram = new HdrHistogram(1, 3_600_000_000_000, 3);
        _recorder = new IntervalRecorder(1, 3_600_000_000_000, 3);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public void LinearBucketArray()
    {
        long[] buckets = _linearBuckets;
        foreach (long v in _values)
            buckets[v >> LinearBucketShift]++;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public void RecordValue()
    {
        HdrHistogram histogram = _histogram;
        foreach (long v in _values)
            histogram.RecordValue(v);
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public void IntervalRecorder_RecordValue()
    {
        IntervalRecorder recorder = _recorder;
        foreach (long v in _values)
            recorder.RecordValue(v);
    }
}
