using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Paper;

/// <summary>
/// Simulated order entry on the strategy thread, in event time, so a replay fills identically. A command
/// reaches the simulated venue <c>LatencyMicros</c> of event time after it was sent, at the first event at
/// or after that time. A marketable order then takes the live book level by level (each fill
/// <c>SlippageBps</c> worse than the level, never worse than the limit); an IOC remainder expires; a GTC
/// remainder rests and fills when a trade prints through its price (the market traded past it) or the
/// book moves through it. The live book is not depleted by our fills: two of our orders may take the same
/// liquidity, which overstates fills in thin books.
/// </summary>
public sealed class PaperGateway : IOrderGateway
{
    private readonly InstrumentState[] _instruments;
    private readonly OrderBook?[] _books;
    private readonly long _latencyNs;
    private readonly long _slippageBpsTimes100; // hundredths of a basis point
    private readonly OrderCommand[] _pending;
    private readonly long[] _pendingDue;
    private int _pendingHead;
    private int _pendingCount;
    private readonly PaperOrder[] _resting;
    private int _restingCount;
    private readonly ExecutionReport[] _reports;
    private int _reportHead;
    private int _reportCount;
    private long _tradeIds;

    public PaperGateway(PaperGatewayConfig config, InstrumentState[] instruments, OrderBook?[] books, int capacity = 4096)
    {
        _instruments = instruments;
        _books = books;
        _latencyNs = config.LatencyMicros * 1_000L;
        _slippageBpsTimes100 = (long)(config.SlippageBps * 100m);
        _pending = new OrderCommand[capacity];
        _pendingDue = new long[capacity];
        _resting = new PaperOrder[capacity];
        _reports = new ExecutionReport[capacity * 4];
    }

    public string Name => "paper";

    public int RestingCount => _restingCount;

    /// <summary>Reports lost because the report queue was full (a strategy thread that stopped polling).</summary>
    public long DroppedReports { get; private set; }

    public bool TrySend(in OrderCommand command)
    {
        if (_pendingCount == _pending.Length) return false;
        int tail = (_pendingHead + _pendingCount) % _pending.Length;
        _pending[tail] = command;
        _pendingDue[tail] = command.TimeNs + _latencyNs;
        _pendingCount++;
        return true;
    }

    public bool TryPoll(out ExecutionReport report)
    {
        if (_reportCount == 0)
        {
            report = default;
            return false;
        }
        report = _reports[_reportHead];
        _reportHead = (_reportHead + 1) % _reports.Length;
        _reportCount--;
        return true;
    }

    public void OnMarketEvent(in MarketEvent ev, long nowNs)
    {
        // Orders resting before this event react to it first; orders arriving now then meet the book as it is.
        if (_restingCount > 0 && ev.InstrumentId < _instruments.Length)
        {
            if (ev.Kind == MarketEventKind.Trade) FillThrough(ev.InstrumentId, ev.Price, ev.Quantity, nowNs);
            else if (ev.Kind is MarketEventKind.BestBidOffer or MarketEventKind.DepthDiff or MarketEventKind.DepthSnapshot) FillCrossed(ev.InstrumentId, nowNs);
        }
        while (_pendingCount > 0 && _pendingDue[_pendingHead] <= nowNs)
        {
            OrderCommand c = _pending[_pendingHead];
            _pendingHead = (_pendingHead + 1) % _pending.Length;
            _pendingCount--;
            Execute(in c, nowNs);
        }
    }

    private void Execute(in OrderCommand c, long nowNs)
    {
        switch (c.Kind)
        {
            case OrderCommandKind.Insert:
                Insert(in c, nowNs);
                break;
            case OrderCommandKind.Cancel:
            {
                int i = FindResting(c.ClientOrderId);
                if (i < 0) { Report(ExecutionReportKind.CancelRejected, c.ClientOrderId, c.InstrumentId, c.Side, 0, 0, 0, nowNs, 10005); break; }
                PaperOrder o = _resting[i];
                RemoveResting(i);
                Report(ExecutionReportKind.Cancelled, o.ClientOrderId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Filled, nowNs);
                break;
            }
            case OrderCommandKind.Amend:
            {
                int i = FindResting(c.ClientOrderId);
                if (i < 0 || c.Quantity <= _resting[i].Filled)
                {
                    Report(ExecutionReportKind.AmendRejected, c.ClientOrderId, c.InstrumentId, c.Side, 0, 0, 0, nowNs, i < 0 ? 10005 : 10003);
                    break;
                }
                ref PaperOrder o = ref _resting[i];
                o.Price = c.Price;
                o.Quantity = c.Quantity;
                Report(ExecutionReportKind.Amended, o.ClientOrderId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Filled, nowNs);
                // An amend can make the order marketable.
                FillCrossed(o.InstrumentId, nowNs);
                break;
            }
            case OrderCommandKind.CancelAll:
                for (int i = _restingCount - 1; i >= 0; i--)
                {
                    PaperOrder o = _resting[i];
                    if (c.InstrumentId >= 0 && o.InstrumentId != c.InstrumentId) continue;
                    RemoveResting(i);
                    Report(ExecutionReportKind.Cancelled, o.ClientOrderId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Filled, nowNs);
                }
                break;
        }
    }

    private void Insert(in OrderCommand c, long nowNs)
    {
        var o = new PaperOrder
        {
            ClientOrderId = c.ClientOrderId, InstrumentId = c.InstrumentId, Side = c.Side, TimeInForce = c.TimeInForce,
            Price = c.Price, Quantity = c.Quantity,
        };
        OrderBook? book = (uint)c.InstrumentId < (uint)_books.Length ? _books[c.InstrumentId] : null;
        bool crosses = book is not null && (c.Side == Side.Buy ? book.AskCount > 0 && book.BestAsk.Price <= c.Price : book.BidCount > 0 && book.BestBid.Price >= c.Price);
        if (c.PostOnly && crosses)
        {
            Report(ExecutionReportKind.Rejected, c.ClientOrderId, c.InstrumentId, c.Side, c.Price, c.Quantity, 0, nowNs, 10004);
            return;
        }
        Report(ExecutionReportKind.Ack, c.ClientOrderId, c.InstrumentId, c.Side, c.Price, c.Quantity, 0, nowNs);
        if (crosses) Take(ref o, book!, nowNs);
        if (o.Remaining == 0)
        {
            Report(ExecutionReportKind.Status, o.ClientOrderId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Filled, nowNs, state: OrderState.Filled);
            return;
        }
        if (o.TimeInForce == TimeInForce.ImmediateOrCancel || _restingCount == _resting.Length)
        {
            Report(ExecutionReportKind.Expired, o.ClientOrderId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Filled, nowNs);
            return;
        }
        _resting[_restingCount++] = o;
    }

    /// <summary>Takes book levels at or better than the limit, best first.</summary>
    private void Take(ref PaperOrder o, OrderBook book, long nowNs)
    {
        bool buy = o.Side == Side.Buy;
        int levels = buy ? book.AskCount : book.BidCount;
        for (int i = 0; i < levels && o.Remaining > 0; i++)
        {
            BookLevel level = buy ? book.AskAt(i) : book.BidAt(i);
            if (buy ? level.Price > o.Price : level.Price < o.Price) break;
            long quantity = Math.Min(o.Remaining, level.Quantity);
            if (quantity <= 0) continue;
            Fill(ref o, Slipped(o, level.Price), quantity, nowNs);
        }
    }

    private long Slipped(in PaperOrder o, long levelPrice)
    {
        if (_slippageBpsTimes100 == 0) return levelPrice;
        InstrumentSpec spec = _instruments[o.InstrumentId].Spec;
        double factor = _slippageBpsTimes100 / 1_000_000.0;
        long price = o.Side == Side.Buy ? spec.CeilToTick(levelPrice * (1 + factor)) : spec.FloorToTick(levelPrice * (1 - factor));
        return o.Side == Side.Buy ? Math.Min(price, o.Price) : Math.Max(price, o.Price);
    }

    private void FillThrough(int instrumentId, long tradePrice, long tradeQuantity, long nowNs)
    {
        for (int i = _restingCount - 1; i >= 0; i--)
        {
            ref PaperOrder o = ref _resting[i];
            if (o.InstrumentId != instrumentId) continue;
            bool through = o.Side == Side.Buy ? tradePrice < o.Price : tradePrice > o.Price;
            if (!through) continue;
            Fill(ref o, o.Price, Math.Min(o.Remaining, Math.Max(tradeQuantity, 1)), nowNs);
            if (o.Remaining == 0) Done(i, nowNs);
        }
    }

    private void FillCrossed(int instrumentId, long nowNs)
    {
        OrderBook? book = (uint)instrumentId < (uint)_books.Length ? _books[instrumentId] : null;
        if (book is null) return;
        for (int i = _restingCount - 1; i >= 0; i--)
        {
            ref PaperOrder o = ref _resting[i];
            if (o.InstrumentId != instrumentId) continue;
            bool crossed = o.Side == Side.Buy ? book.AskCount > 0 && book.BestAsk.Price <= o.Price : book.BidCount > 0 && book.BestBid.Price >= o.Price;
            if (!crossed) continue;
            Take(ref o, book, nowNs);
            if (o.Remaining == 0) Done(i, nowNs);
        }
    }

    private void Done(int index, long nowNs)
    {
        PaperOrder o = _resting[index];
        RemoveResting(index);
        Report(ExecutionReportKind.Status, o.ClientOrderId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Filled, nowNs, state: OrderState.Filled);
    }

    private void Fill(ref PaperOrder o, long price, long quantity, long nowNs)
    {
        o.Filled += quantity;
        var r = new ExecutionReport
        {
            Kind = ExecutionReportKind.Fill, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side,
            Price = price, Quantity = quantity, CumulativeFilled = o.Filled, TradeId = ++_tradeIds, TimeNs = nowNs,
        };
        Enqueue(in r);
    }

    private int FindResting(long clientOrderId)
    {
        for (int i = 0; i < _restingCount; i++) if (_resting[i].ClientOrderId == clientOrderId) return i;
        return -1;
    }

    // Keeps arrival order (fills of orders at one price go oldest first).
    private void RemoveResting(int index)
    {
        _restingCount--;
        if (index < _restingCount) Array.Copy(_resting, index + 1, _resting, index, _restingCount - index);
    }

    private void Report(ExecutionReportKind kind, long clientOrderId, int instrumentId, Side side, long price, long quantity, long filled, long nowNs,
        int error = 0, OrderState state = OrderState.Free)
    {
        var r = new ExecutionReport
        {
            Kind = kind, ClientOrderId = clientOrderId, InstrumentId = instrumentId, Side = side, Price = price, Quantity = quantity,
            CumulativeFilled = filled, ErrorCode = error, TimeNs = nowNs, OrderState = state,
        };
        Enqueue(in r);
    }

    private void Enqueue(in ExecutionReport r)
    {
        if (_reportCount == _reports.Length)
        {
            DroppedReports++;
            return;
        }
        _reports[(_reportHead + _reportCount) % _reports.Length] = r;
        _reportCount++;
    }
}
