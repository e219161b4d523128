using System.Numerics;
using System.Runtime.CompilerServices;

namespace Appliance.Trading.Orders;

/// <summary>
/// A fixed array of orders allocated at start, with a free list. Local ids encode the slot, so an answer
/// finds its order in O(1) without a map: id = sequence × 2^SlotBits + slot, and a stale answer for a
/// recycled slot is recognised because the id stored in the slot differs. Ids are deterministic (the
/// same events allocate the same slots), which keeps replayed decision logs identical.
/// </summary>
public sealed class OrderPool
{
    private readonly Order[] _orders;
    private readonly int[] _free;
    private readonly int[] _used;     // slots in use, dense, so iteration costs the live orders and not the capacity
    private readonly int[] _usedAt;   // position of each slot in _used
    private int _usedCount;
    private readonly int _slotBits;
    private readonly long _slotMask;
    private int _freeCount;
    private long _sequence;

    public OrderPool(int capacity, long clientOrderIdBase)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _orders = new Order[capacity];
        _free = new int[capacity];
        _used = new int[capacity];
        _usedAt = new int[capacity];
        for (int i = 0; i < capacity; i++) _free[i] = capacity - 1 - i; // slot 0 first
        _freeCount = capacity;
        _slotBits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)capacity));
        if (_slotBits == 0) _slotBits = 1;
        _slotMask = (1L << _slotBits) - 1;
        ClientOrderIdBase = clientOrderIdBase;
    }

    public int Capacity => _orders.Length;
    public int InUse => _orders.Length - _freeCount;
    public long ClientOrderIdBase { get; }

    /// <summary>Every slot (in use or not), for iteration on the owning thread.</summary>
    public Span<Order> All => _orders;

    /// <summary>The slots in use, in no particular order (stable while no order is allocated or released).</summary>
    public ReadOnlySpan<int> InUseSlots => _used.AsSpan(0, _usedCount);

    /// <summary>Takes a free slot; false when every order is in use.</summary>
    public bool TryAllocate(out int slot)
    {
        if (_freeCount == 0)
        {
            slot = -1;
            return false;
        }
        slot = _free[--_freeCount];
        _usedAt[slot] = _usedCount;
        _used[_usedCount++] = slot;
        ref Order o = ref _orders[slot];
        o = default;
        o.LocalId = (++_sequence << _slotBits) | (uint)slot;
        o.ClientOrderId = ClientOrderIdBase + o.LocalId;
        o.QuoteLevel = -1;
        o.State = OrderState.New;
        return true;
    }

    public ref Order this[int slot]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _orders[slot];
    }

    /// <summary>The slot holding <paramref name="localId"/>, or −1 when the id is unknown or its order is gone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long localId)
    {
        if (localId <= 0) return -1;
        long slot = localId & _slotMask;
        if (slot >= _orders.Length) return -1;
        ref Order o = ref _orders[slot];
        return o.LocalId == localId && o.State != OrderState.Free ? (int)slot : -1;
    }

    public int FindByClientId(long clientOrderId) => Find(clientOrderId - ClientOrderIdBase);

    public void Release(int slot)
    {
        _orders[slot].State = OrderState.Free;
        _free[_freeCount++] = slot;
        int at = _usedAt[slot];
        int last = _used[--_usedCount];
        _used[at] = last;
        _usedAt[last] = at;
    }
}
