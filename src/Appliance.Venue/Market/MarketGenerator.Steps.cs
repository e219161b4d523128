using Appliance.Venue.Streams;

namespace Appliance.Venue.Market;

// The market model: what one step does to a book, and the messages it publishes.
internal sealed partial class MarketGenerator
{
    private readonly long[] _topBidPrices = new long[20];
    private readonly long[] _topBidQuantities = new long[20];
    private readonly long[] _topAskPrices = new long[20];
    private readonly long[] _topAskQuantities = new long[20];
    private static readonly int[] PartialSizes = [5, 10, 20];
    private Func<bool>? _isStopping;

    private bool IsStopping() => _stopping;

    /// <summary>
    /// One market step on one instrument (chosen at random): modify a level's quantity (40%), add a level
    /// (15%: inside the spread when it is wider than a tick, else just behind an existing level), cancel a level
    /// (15%), or a taker order that trades through the best levels (30%). Then the side is refilled at its far
    /// end (or trimmed) to the configured depth, and the step's messages are published.
    /// Returns false only when the venue stops while the log is blocked.
    /// </summary>
    private bool Step()
    {
        long now = MarketTimeOf(_steps);
        if (!EmitIntervals(now)) return false;
        long ms = now / 1_000_000;

        InstrumentState s = _instruments[_instruments.Length == 1 ? 0 : _rng.Next(_instruments.Length)];
        int action = _rng.Next(100);
        bool bid = _rng.Next(2) == 0;
        if (action < 40) Modify(s, bid);
        else if (action < 55) Insert(s, bid);
        else if (action < 70) Cancel(s, bid);
        else if (!Sweep(s, takerBuys: bid, RandomTradeQuantity(s, bid), limitPrice: 0, ms, fills: null, out _)) return false;

        Tighten(s);
        Refill(s, bid: true);
        Refill(s, bid: false);
        if (!EmitStep(s, ms)) return false;
        MatchCrossed(s);
        Volatile.Write(ref _steps, _steps + 1);
        return true;
    }

    private void Modify(InstrumentState s, bool bid)
    {
        SimBookSide side = s.Side(bid);
        if (side.Count == 0) return;
        int i = _rng.Geometric(60, side.Count - 1);
        SetLevel(s, bid, side.PriceAt(i), RandomQuantity(s));
    }

    private void Insert(InstrumentState s, bool bid)
    {
        SimBookSide side = s.Side(bid);
        if (s.Bids.Count == 0 || s.Asks.Count == 0) return; // the refill rebuilds an empty side
        long tick = s.Spec.TickUnits;
        long price;
        if (s.Asks.BestPrice - s.Bids.BestPrice > tick && _rng.Next(2) == 0)
        {
            price = bid ? s.Bids.BestPrice + tick : s.Asks.BestPrice - tick;
        }
        else
        {
            int i = _rng.Geometric(60, side.Count - 1);
            price = bid ? side.PriceAt(i) - tick : side.PriceAt(i) + tick;
            if (price <= 0) return;
        }
        SetLevel(s, bid, price, RandomQuantity(s));
        while (side.Count > s.Depth) SetLevel(s, bid, side.WorstPrice, 0);
    }

    // Market makers step into a wide spread: past two ticks, a new level lands inside it half the time, so the
    // spread hovers at one to a few ticks however hard trades and cancels push it open.
    private void Tighten(InstrumentState s)
    {
        if (s.Bids.Count == 0 || s.Asks.Count == 0) return;
        long tick = s.Spec.TickUnits;
        long spreadTicks = (s.Asks.BestPrice - s.Bids.BestPrice) / tick;
        if (spreadTicks <= 2 || _rng.Next(2) == 0) return;
        bool bid = _rng.Next(2) == 0;
        long inside = tick * _rng.NextInclusive(1, Math.Min(spreadTicks - 1, Math.Max(1, spreadTicks / 2)));
        SetLevel(s, bid, bid ? s.Bids.BestPrice + inside : s.Asks.BestPrice - inside, RandomQuantity(s));
        SimBookSide side = s.Side(bid);
        while (side.Count > s.Depth) SetLevel(s, bid, side.WorstPrice, 0);
    }

    private void Cancel(InstrumentState s, bool bid)
    {
        SimBookSide side = s.Side(bid);
        if (side.Count <= 1) return;
        int i = _rng.Geometric(60, side.Count - 1);
        SetLevel(s, bid, side.PriceAt(i), 0);
    }

    /// <summary>
    /// A taker order against the book: consumes levels best-first up to <paramref name="quantity"/> (and no worse
    /// than <paramref name="limitPrice"/> when it is not 0), publishing each maker fill as a trade (one to three
    /// trades a level, as several maker orders would) and each level as an aggTrade. Order entry uses it too.
    /// </summary>
    private bool Sweep(InstrumentState s, bool takerBuys, long quantity, long limitPrice, long ms, List<(long Price, long Quantity)>? fills, out long filled)
    {
        SimBookSide book = takerBuys ? s.Asks : s.Bids;
        long lot = s.Spec.LotUnits;
        long takerOrderId = ++s.LastOrderId;
        long remaining = quantity;
        filled = 0;
        while (remaining > 0 && book.Count > 0)
        {
            long price = book.BestPrice;
            if (limitPrice != 0 && (takerBuys ? price > limitPrice : price < limitPrice)) break;
            long levelQuantity = book.BestQuantity;
            long fill = Math.Min(remaining, levelQuantity);

            long lots = Math.Max(1, fill / lot);
            int trades = (int)Math.Min(1 + _rng.Next(3), lots);
            long firstTradeId = s.LastTradeId + 1;
            long left = fill;
            for (int t = 0; t < trades; t++)
            {
                long portion = t == trades - 1 ? left : lot * _rng.NextInclusive(1, left / lot - (trades - 1 - t));
                left -= portion;
                long makerOrderId = ++s.LastOrderId;
                long tradeId = s.LastTradeId + 1;
                MarketMessages.Trade(_json, s.Spec, _decimals, ms, tradeId, price, portion,
                    buyerOrderId: takerBuys ? takerOrderId : makerOrderId,
                    sellerOrderId: takerBuys ? makerOrderId : takerOrderId,
                    buyerIsMaker: !takerBuys);
                if (!Publish(s, StreamKind.Trade, tradeId, tradeId)) return false;
                Volatile.Write(ref s.LastTradeId, tradeId);
            }
            long aggId = s.LastAggTradeId + 1;
            MarketMessages.AggTrade(_json, s.Spec, _decimals, ms, aggId, price, fill, firstTradeId, s.LastTradeId, buyerIsMaker: !takerBuys);
            if (!Publish(s, StreamKind.AggTrade, aggId, aggId)) return false;
            Volatile.Write(ref s.LastAggTradeId, aggId);
            OnPublicTrade(s, price, fill, takerBuys);

            fills?.Add((price, fill));
            SetLevel(s, bid: !takerBuys, price, levelQuantity - fill);
            remaining -= fill;
            filled += fill;
        }
        return true;
    }

    /// <summary>Keeps each side at the configured depth: new levels one to three ticks beyond the far end.</summary>
    private void Refill(InstrumentState s, bool bid)
    {
        SimBookSide side = s.Side(bid);
        SimBookSide other = s.Side(!bid);
        long tick = s.Spec.TickUnits;
        while (side.Count < s.Depth)
        {
            long gap = tick * (1 + _rng.Next(3));
            long price = side.Count > 0
                ? (bid ? side.WorstPrice - gap : side.WorstPrice + gap)
                : other.Count > 0
                    ? (bid ? other.BestPrice - tick : other.BestPrice + tick)
                    : (bid ? s.Spec.StartPriceUnits : s.Spec.StartPriceUnits + tick);
            if (price <= 0) break;
            SetLevel(s, bid, price, RandomQuantity(s));
        }
    }

    private void SetLevel(InstrumentState s, bool bid, long price, long quantity)
    {
        if (!s.Side(bid).Set(price, quantity)) return;
        long id = s.LastUpdateId + 1;
        Volatile.Write(ref s.LastUpdateId, id);
        if (_options.DepthPace == DepthPace.Realtime)
        {
            s.Step.Add(bid, price, quantity, id);
        }
        else
        {
            s.Pending100.Add(bid, price, quantity, id);
            s.Pending1000.Add(bid, price, quantity, id);
        }
    }

    private long RandomQuantity(InstrumentState s)
    {
        long lot = s.Spec.LotUnits;
        return lot * _rng.NextInclusive(1, Math.Max(1, 2 * s.Spec.TypicalLevelQuantityUnits / lot));
    }

    // Up to twice the best level: about half the trades take more than one level.
    private long RandomTradeQuantity(InstrumentState s, bool takerBuys)
    {
        long lot = s.Spec.LotUnits;
        long best = (takerBuys ? s.Asks : s.Bids).BestQuantity;
        return lot * _rng.NextInclusive(1, Math.Max(1, 2 * best / lot));
    }

    private void Seed(InstrumentState s)
    {
        long tick = s.Spec.TickUnits;
        long price = s.Spec.StartPriceUnits;
        for (int k = 0; k < s.Depth && price > 0; k++)
        {
            s.Bids.Set(price, RandomQuantity(s));
            price -= tick * (1 + _rng.Next(3));
        }
        price = s.Spec.StartPriceUnits + tick;
        for (int k = 0; k < s.Depth; k++)
        {
            s.Asks.Set(price, RandomQuantity(s));
            price += tick * (1 + _rng.Next(3));
        }
        s.TickerBidPrice = s.Bids.BestPrice;
        s.TickerBidQuantity = s.Bids.BestQuantity;
        s.TickerAskPrice = s.Asks.BestPrice;
        s.TickerAskQuantity = s.Asks.BestQuantity;
    }

    // ----- publishing -----

    private bool Publish(InstrumentState s, StreamKind kind, long firstId, long lastId) =>
        Publish(s, StreamKinds.Bit(kind), firstId, lastId);

    private bool Publish(InstrumentState s, ushort kinds, long firstId, long lastId) =>
        _log.Append(s.Id, kinds, firstId, lastId, _json.Written, _isStopping ??= IsStopping);

    /// <summary>The step's depth diff (realtime pacing) and, if the top of book changed, a bookTicker.</summary>
    private bool EmitStep(InstrumentState s, long ms)
    {
        LevelChanges step = s.Step;
        if (step.Count > 0)
        {
            step.Sort();
            MarketMessages.DepthUpdate(_json, s.Spec, _decimals, ms, step);
            bool ok = Publish(s, (ushort)(StreamKinds.Bit(StreamKind.Depth) | StreamKinds.Bit(StreamKind.Depth100)), step.FirstUpdateId, step.LastUpdateId);
            step.Clear();
            if (!ok) return false;
        }
        if (s.Bids.Count == 0 || s.Asks.Count == 0) return true;
        if (s.Bids.BestPrice == s.TickerBidPrice && s.Bids.BestQuantity == s.TickerBidQuantity &&
            s.Asks.BestPrice == s.TickerAskPrice && s.Asks.BestQuantity == s.TickerAskQuantity)
            return true;
        s.TickerBidPrice = s.Bids.BestPrice;
        s.TickerBidQuantity = s.Bids.BestQuantity;
        s.TickerAskPrice = s.Asks.BestPrice;
        s.TickerAskQuantity = s.Asks.BestQuantity;
        MarketMessages.BookTicker(_json, s.Spec, _decimals, s.LastUpdateId, s.TickerBidPrice, s.TickerBidQuantity, s.TickerAskPrice, s.TickerAskQuantity);
        return Publish(s, StreamKind.BookTicker, s.LastUpdateId, s.LastUpdateId);
    }

    /// <summary>Every 100 ms of market time: partial depth (and interval diffs); every 10th boundary the 1000 ms streams too.</summary>
    private bool EmitIntervals(long nowNs)
    {
        while (_nextIntervalNs <= nowNs)
        {
            long k = _intervalIndex++;
            long ms = _nextIntervalNs / 1_000_000;
            _nextIntervalNs += Interval100Ns;
            bool second = k % 10 == 0;
            foreach (InstrumentState s in _instruments)
            {
                if (_options.DepthPace == DepthPace.Interval)
                {
                    if (!EmitPending(s, s.Pending100, StreamKind.Depth100, ms)) return false;
                    if (second && !EmitPending(s, s.Pending1000, StreamKind.Depth, ms)) return false;
                }
                int nb = s.Bids.CopyTo(_topBidPrices, _topBidQuantities, 20);
                int na = s.Asks.CopyTo(_topAskPrices, _topAskQuantities, 20);
                foreach (int n in PartialSizes)
                {
                    (StreamKind slow, StreamKind fast) = n switch
                    {
                        5 => (StreamKind.Depth5, StreamKind.Depth5At100),
                        10 => (StreamKind.Depth10, StreamKind.Depth10At100),
                        _ => (StreamKind.Depth20, StreamKind.Depth20At100),
                    };
                    ushort kinds = (ushort)(StreamKinds.Bit(fast) | (second ? StreamKinds.Bit(slow) : 0));
                    MarketMessages.Depth(_json, s.Spec, _decimals, s.LastUpdateId,
                        _topBidPrices.AsSpan(0, Math.Min(n, nb)), _topBidQuantities.AsSpan(0, Math.Min(n, nb)),
                        _topAskPrices.AsSpan(0, Math.Min(n, na)), _topAskQuantities.AsSpan(0, Math.Min(n, na)));
                    if (!Publish(s, kinds, s.LastUpdateId, s.LastUpdateId)) return false;
                }
            }
        }
        return true;
    }

    private bool EmitPending(InstrumentState s, LevelChanges pending, StreamKind kind, long ms)
    {
        if (pending.Count == 0) return true;
        pending.Sort();
        MarketMessages.DepthUpdate(_json, s.Spec, _decimals, ms, pending);
        bool ok = Publish(s, kind, pending.FirstUpdateId, pending.LastUpdateId);
        pending.Clear();
        return ok;
    }

    /// <summary>Interval pacing: sends what the diff streams have accumulated now (pause, step), so clients can catch up.</summary>
    private void FlushPendingDiffs()
    {
        if (_options.DepthPace != DepthPace.Interval) return;
        long ms = MarketTimeOf(_steps) / 1_000_000;
        foreach (InstrumentState s in _instruments)
        {
            if (!EmitPending(s, s.Pending100, StreamKind.Depth100, ms)) return;
            if (!EmitPending(s, s.Pending1000, StreamKind.Depth, ms)) return;
        }
    }

    /// <summary>Hook for order entry: a public trade printed (resting orders it trades through fill).</summary>
    partial void OnPublicTrade(InstrumentState s, long price, long quantity, bool takerBuys);
}
