using BenchmarkDotNet.Attributes;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Benchmarks.FixedPoint;

/// <summary>Formatting a price to UTF-8 (the log writer's job). Baseline: decimal's IUtf8SpanFormattable.</summary>
[MemoryDiagnoser]
public class FixedPointFormatBenchmarks
{
    private readonly byte[] _buffer = new byte[64];
    private readonly decimal _decimal = 43123.45000000m;
    private readonly Price _price = new(4312345000000, 8);

    [Benchmark(Baseline = true)]
    public int Decimal_TryFormat()
    {
        _decimal.TryFormat(_buffer, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    [Benchmark]
    public int Price_TryFormat() => Format(_price, _buffer);

    // Generic so the call is constrained, not boxed, as the log writer calls it.
    private static int Format<T>(T value, Span<byte> buffer) where T : IUtf8SpanFormattable
    {
        value.TryFormat(buffer, out int written, default, null);
        return written;
    }
}
