using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.MarketData;

/// <summary>
/// One L2 level update near the touch of a 20-level and a 1000-level book (replace, insert, delete in
/// turn). Goal: ≤ 40 ns per update, 0 B. Baseline: a SortedDictionary per side, the obvious .NET book.
/// </summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    private OrderBook _book = null!;
    private SortedDictionary<long, long> _dictionaryBids = null!;
    private long[] _prices = [];
    private long[] _quantities = [];
    private int _i;

    [Params(20, 1000)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new OrderBook(0, Depth);
        _dictionaryBids = new SortedDictionary<long, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        for (int i = 0; i < Depth; i++)
        {
            _book.ApplyLevel(Side.Buy, 100_000 - i * 2, 10);
            _book.ApplyLevel(Side.Sell, 100_002 + i * 2, 10);
            _dictionaryBids[100_000 - i * 2] = 10;
        }
        // Changes within the top 10 levels, in a fixed pseudo-random order: a third deletes, the rest set.
        var random = new Random(1);
        _prices = new long[4096];
        _quantities = new long[4096];
        for (int i = 0; i < _prices.Length; i++)
        {
            _prices[i] = 100_000 - random.Next(0, 20);
            _quantities[i] = random.Next(0, 3) == 0 ? 0 : random.Next(1, 100);
        }
    }

    [Benchmark(Baseline = true)]
    public int SortedDictionary_Update()
    {
        int i = _i++ & 4095;
        if (_quantities[i] == 0) _dictionaryBids.Remove(_prices[i]);
        else _dictionaryBids[_prices[i]] = _quantities[i];
        return _dictionaryBids.Count;
    }

    [Benchmark]
    public BookUpdateResult OrderBook_ApplyLevel()
    {
        int i = _i++ & 4095;
        return _book.ApplyLevel(Side.Buy, _prices[i], _quantities[i]);
    }
}
