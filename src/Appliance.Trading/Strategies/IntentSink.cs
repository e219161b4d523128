using Appliance.MarketData.Events;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Strategies;

/// <summary>
/// Where a strategy puts its intents during one call: a preallocated array the engine reads and clears
/// after the call. More intents than the capacity in one call are dropped and counted, never allocated.
/// </summary>
public sealed class IntentSink
{
    private readonly Intent[] _items;
    private int _count;

    public IntentSink(int capacity = 64) => _items = new Intent[capacity];

    public int Count => _count;
    public long Overflows { get; private set; }
    public ReadOnlySpan<Intent> Items => _items.AsSpan(0, _count);

    public void Clear() => _count = 0;

    public void TargetPosition(int instrumentId, long signedQuantity) =>
        Add(new Intent { Kind = IntentKind.TargetPosition, InstrumentId = instrumentId, Quantity = signedQuantity });

    public void Order(int instrumentId, Side side, long quantity, long price, TimeInForce timeInForce = TimeInForce.GoodTillCancelled) =>
        Add(new Intent { Kind = IntentKind.Order, InstrumentId = instrumentId, Side = side, Quantity = quantity, Price = price, TimeInForce = timeInForce });

    public void CancelAll(int instrumentId) => Add(new Intent { Kind = IntentKind.CancelAll, InstrumentId = instrumentId });

    /// <summary>One level of the desired resting quotes; give every level wanted in the same call.</summary>
    public void Quote(int instrumentId, Side side, int level, long price, long quantity) =>
        Add(new Intent { Kind = IntentKind.Quote, InstrumentId = instrumentId, Side = side, Level = (byte)level, Price = price, Quantity = quantity });

    public void ClearQuotes(int instrumentId) => Add(new Intent { Kind = IntentKind.ClearQuotes, InstrumentId = instrumentId });

    public void Add(in Intent intent)
    {
        if (_count == _items.Length)
        {
            Overflows++;
            return;
        }
        _items[_count++] = intent;
    }
}
