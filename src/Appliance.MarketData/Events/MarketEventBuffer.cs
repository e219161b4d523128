using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Events;

/// <summary>
/// An array-backed <see cref="IMarketEventSink"/>: replay, tools, tests and benchmarks decode into it and
/// then read <see cref="Events"/>. Past the capacity, events land in a scratch slot and count in
/// <see cref="Dropped"/>. Mutable struct: pass it by ref.
/// </summary>
public struct MarketEventBuffer : IMarketEventSink
{
    private readonly MarketEvent[] _events;
    private MarketEvent _scratch;

    public MarketEventBuffer(int capacity)
    {
        _events = new MarketEvent[capacity];
    }

    public int Count { get; private set; }

    public long Dropped { get; private set; }

    public readonly int Capacity => _events.Length;

    public readonly ReadOnlySpan<MarketEvent> Events => _events.AsSpan(0, Count);

    public readonly ref MarketEvent this[int index] => ref _events[index];

    public void Clear() => Count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [UnscopedRef]
    public ref MarketEvent Claim()
    {
        int n = Count;
        MarketEvent[] events = _events;
        if ((uint)n < (uint)events.Length)
        {
            Count = n + 1;
            return ref events[n];
        }
        Dropped++;
        return ref _scratch;
    }
}
