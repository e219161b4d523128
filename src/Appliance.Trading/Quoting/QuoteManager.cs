using Appliance.MarketData.Events;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Quoting;

/// <summary>
/// Quoting: a strategy states the resting orders it wants per instrument (side, level, price, size); this
/// keeps the live quote orders in line with that, on every event, through <see cref="QuoteDiff"/> — the
/// fewest inserts, amends and cancels — within the rate limit (a step risk refuses for the rate stops the
/// side; what is left is redone on the next event, from the state then). Live quote ids are kept per
/// side and pruned as their orders end. Preallocated; no allocation per event.
/// </summary>
public sealed class QuoteManager
{
    private readonly OrderManager _orders;
    private readonly InstrumentState[] _instruments;
    private readonly int _levels;
    private readonly QuoteLevel[] _wanted;   // [instrument, side, level]
    private readonly int[] _wantedCount;     // [instrument, side]
    private readonly long[] _live;           // [instrument, side, k] local ids, up to 2 × levels
    private readonly int[] _liveCount;
    private readonly bool[] _active;         // instrument has wanted or live quotes
    private readonly int[] _touchedBatch;
    private readonly QuoteLevel[] _scratchLive;
    private readonly QuoteStep[] _steps;
    private int _batch;

    public QuoteManager(OrderManager orders, InstrumentState[] instruments, int maxLevels)
    {
        _orders = orders;
        _instruments = instruments;
        _levels = Math.Max(1, maxLevels);
        int n = instruments.Length;
        _wanted = new QuoteLevel[n * 2 * _levels];
        _wantedCount = new int[n * 2];
        _live = new long[n * 2 * _levels * 2];
        _liveCount = new int[n * 2];
        _active = new bool[n];
        _touchedBatch = new int[n];
        _scratchLive = new QuoteLevel[_levels * 2];
        _steps = new QuoteStep[_levels * 3];
    }

    public long Inserts { get; private set; }
    public long Amends { get; private set; }
    public long Cancels { get; private set; }
    public long RateLimitedPasses { get; private set; }

    public int WantedCount(int instrumentId, Side side) => _wantedCount[instrumentId * 2 + SideIndex(side)];

    public int LiveCount(int instrumentId, Side side) => _liveCount[instrumentId * 2 + SideIndex(side)];

    private static int SideIndex(Side side) => side == Side.Buy ? 0 : 1;

    public void BeginBatch() => _batch++;

    /// <summary>A wanted level. The first Quote intent for an instrument in a batch replaces its whole wanted set.</summary>
    public void Want(in Intent intent)
    {
        int id = intent.InstrumentId;
        if (_touchedBatch[id] != _batch)
        {
            _touchedBatch[id] = _batch;
            _wantedCount[id * 2] = 0;
            _wantedCount[id * 2 + 1] = 0;
        }
        if (intent.Quantity <= 0 || intent.Price <= 0 || intent.Level >= _levels) return;
        int key = id * 2 + SideIndex(intent.Side);
        int count = _wantedCount[key];
        Span<QuoteLevel> side = _wanted.AsSpan(key * _levels, _levels);
        for (int i = 0; i < count; i++)
        {
            if (side[i].Price != intent.Price) continue;
            side[i].Quantity += intent.Quantity; // two intents at one price: one order for both
            return;
        }
        if (count == _levels) return;
        // Insertion by price keeps the wanted side best-first whatever order the strategy gave.
        bool descending = intent.Side == Side.Buy;
        int at = count;
        while (at > 0 && (descending ? side[at - 1].Price < intent.Price : side[at - 1].Price > intent.Price))
        {
            side[at] = side[at - 1];
            at--;
        }
        side[at] = new QuoteLevel { Price = intent.Price, Quantity = intent.Quantity };
        _wantedCount[key] = count + 1;
        _active[id] = true;
    }

    public void EndBatch()
    {
    }

    /// <summary>No quotes wanted in the instrument (its live quotes get cancelled by the next reconcile).</summary>
    public void Clear(int instrumentId)
    {
        _wantedCount[instrumentId * 2] = 0;
        _wantedCount[instrumentId * 2 + 1] = 0;
    }

    public void ClearAll()
    {
        Array.Clear(_wantedCount);
    }

    /// <summary>Brings every active instrument's live quotes toward its wanted ones.</summary>
    public void Reconcile(long nowNs, TradingState state)
    {
        for (int id = 0; id < _instruments.Length; id++)
        {
            if (!_active[id]) continue;
            bool any = ReconcileSide(id, Side.Buy, state);
            any |= ReconcileSide(id, Side.Sell, state);
            if (!any) _active[id] = false;
        }
    }

    /// <summary>Returns whether the side still has wanted or live quotes.</summary>
    private bool ReconcileSide(int id, Side side, TradingState state)
    {
        int key = id * 2 + SideIndex(side);
        bool descending = side == Side.Buy;

        // Live orders still alive, best first.
        Span<long> ids = _live.AsSpan(key * _levels * 2, _levels * 2);
        int liveCount = 0;
        OrderPool pool = _orders.Pool;
        for (int k = 0; k < _liveCount[key]; k++)
        {
            int slot = pool.Find(ids[k]);
            if (slot < 0) continue;
            ref Order o = ref pool[slot];
            if (!o.State.IsWorking()) continue;
            ids[liveCount] = ids[k];
            var level = new QuoteLevel
            {
                LocalId = o.LocalId,
                Price = o.AmendPending ? o.AmendPrice : o.Price,
                Quantity = (o.AmendPending ? o.AmendQuantity : o.Quantity) - o.Filled,
                Busy = o.AmendPending || o.CancelPending || o.State is OrderState.New or OrderState.Sent,
            };
            int at = liveCount++;
            while (at > 0 && (descending ? _scratchLive[at - 1].Price < level.Price : _scratchLive[at - 1].Price > level.Price))
            {
                _scratchLive[at] = _scratchLive[at - 1];
                at--;
            }
            _scratchLive[at] = level;
        }
        _liveCount[key] = liveCount;

        int wantedCount = state == TradingState.Halted ? 0 : _wantedCount[key];
        if (wantedCount == 0 && liveCount == 0) return false;

        Span<QuoteLevel> wanted = _wanted.AsSpan(key * _levels, wantedCount);
        int n = QuoteDiff.Compute(wanted, _scratchLive.AsSpan(0, liveCount), descending, _steps);
        for (int i = 0; i < n; i++)
        {
            ref QuoteStep step = ref _steps[i];
            switch (step.Action)
            {
                case QuoteAction.Cancel:
                    if (_orders.Cancel(step.LocalId)) Cancels++;
                    break;
                case QuoteAction.Amend:
                {
                    int slot = pool.Find(step.LocalId);
                    if (slot < 0) break;
                    RiskReason reason = _orders.Amend(step.LocalId, step.Price, pool[slot].Filled + step.Quantity);
                    if (reason == RiskReason.Accepted) { Amends++; break; }
                    if (reason == RiskReason.RateLimited) { RateLimitedPasses++; return true; }
                    break;
                }
                case QuoteAction.Insert:
                {
                    if (_liveCount[key] == ids.Length) break;
                    var request = new OrderRequest(id, side, step.Quantity, step.Price, OrderOrigin.Quote);
                    RiskReason reason = _orders.Submit(in request, out long localId, quoteLevel: step.Level);
                    if (reason == RiskReason.Accepted)
                    {
                        Inserts++;
                        if (localId != 0) ids[_liveCount[key]++] = localId;
                        break;
                    }
                    if (reason == RiskReason.RateLimited) { RateLimitedPasses++; return true; }
                    break;
                }
            }
        }
        return true;
    }
}
