using System.Diagnostics.CodeAnalysis;
using System.Text;
using Appliance.MarketData.Instruments;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.MarketData;

/// <summary>
/// Venue symbol bytes → instrument id among 50 symbols. Goal: a few ns, 0 B. Baseline: a Dictionary keyed
/// by byte[] with a span alternate lookup (.NET 9), what a user would otherwise write without allocating.
/// </summary>
[MemoryDiagnoser]
public class InstrumentTableBenchmarks
{
    private InstrumentTable _table = null!;
    private Dictionary<byte[], int> _dictionary = null!;
    private byte[] _upper = [];
    private byte[] _lower = [];

    [GlobalSetup]
    public void Setup()
    {
        string[] symbols = Enumerable.Range(0, 49).Select(i => $"SYM{i}USDT").Append("ETHUSDT").ToArray();
        _table = new InstrumentTable(symbols.Select(s => new Instrument(s, s, 2, 8)));
        _dictionary = new Dictionary<byte[], int>(new ByteArrayComparer());
        for (int i = 0; i < symbols.Length; i++) _dictionary.Add(Encoding.ASCII.GetBytes(symbols[i]), i);
        _upper = "ETHUSDT"u8.ToArray();
        _lower = "ethusdt"u8.ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Dictionary_AlternateLookup()
    {
        var lookup = _dictionary.GetAlternateLookup<ReadOnlySpan<byte>>();
        return lookup.TryGetValue(_upper, out int id) ? id : -1;
    }

    [Benchmark]
    public int InstrumentTable_Upper() => _table.TryGetId(_upper, out int id) ? id : -1;

    [Benchmark]
    public int InstrumentTable_LowerStreamName() => _table.TryGetId(_lower, out int id) ? id : -1;

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
