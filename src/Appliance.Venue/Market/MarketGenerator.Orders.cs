using System.Buffers;
using System.Text.Json;
using Appliance.Venue.Trading;

namespace Appliance.Venue.Market;

// The matching engine of order entry. It lives on the generator thread, beside the books it trades against:
// marketable orders take liquidity from the simulated book (and print public trades and diffs like any taker);
// resting orders are not shown in the public book and fill when the market trades through their price or
// crosses it. Every call returns the JSON-RPC answer; notifications go to the account's sessions as they happen.
internal sealed partial class MarketGenerator
{
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> _ordersById = new(StringComparer.Ordinal);
    private List<Order>[]? _restingBuys;
    private List<Order>[]? _restingSells;
    private long _nextOrder;
    private long _nextTrade;
    private long _orderSequence;
    private Account? _sweepingAccount; // self-trade prevention: a taker sweep does not fill its own account's resting orders
    private readonly List<(long Price, long Quantity)> _fills = new(16);

    private static readonly JsonWriterOptions RpcWriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Logs a session in to <paramref name="accountName"/> (created on first use).</summary>
    public Task<Account> LoginAsync(OrderEntryConnection session, string accountName) => InvokeAsync(() =>
    {
        if (!_accounts.TryGetValue(accountName, out Account? account)) _accounts[accountName] = account = new Account(accountName);
        account.Sessions.Add(session);
        return account;
    });

    public Task<bool> LogoutAsync(OrderEntryConnection session, Account account) => InvokeAsync(() => account.Sessions.Remove(session));

    public Task<byte[]> InsertAsync(Account account, long id, InsertRequest request) => InvokeAsync(() => Insert(account, id, request));

    public Task<byte[]> AmendAsync(Account account, long id, AmendRequest request) => InvokeAsync(() => Amend(account, id, request));

    public Task<byte[]> CancelAsync(Account account, long id, OrderRef order) => InvokeAsync(() => Cancel(account, id, order));

    public Task<byte[]> CancelAllAsync(Account account, long id, int? instrument) => InvokeAsync(() => CancelAll(account, id, instrument));

    public Task<byte[]> OpenOrdersAsync(Account account, long id) => InvokeAsync(() => Answer(id, w =>
    {
        w.WriteStartArray();
        foreach (Order o in account.ByClientId.Values.Where(o => o.IsOpen).OrderBy(o => o.Sequence))
            OrderJson.WriteOrder(w, o, _instruments[o.Instrument].Spec);
        w.WriteEndArray();
    }));

    public Task<byte[]> PositionsAsync(Account account, long id) => InvokeAsync(() => Answer(id, w =>
    {
        w.WriteStartArray();
        foreach ((int instrument, Position p) in account.Positions.OrderBy(p => p.Key))
            OrderJson.WritePosition(w, p, _instruments[instrument].Spec);
        w.WriteEndArray();
    }));

    private byte[] Insert(Account account, long id, InsertRequest r)
    {
        if (account.ByClientId.TryGetValue(r.ClientOrderId, out Order? existing))
            return Answer(id, w => OrderJson.WriteOrder(w, existing, _instruments[existing.Instrument].Spec, duplicate: true));

        InstrumentState s = _instruments[r.Instrument];
        if (r.PostOnly && Crosses(s, r.Buy, r.Price))
            throw new RpcException(RpcException.PostOnlyWouldCross, $"post-only {OrderJson.Direction(r.Buy)} at {r.Price} units would cross the book");

        long now = MarketTimeOf(_steps);
        var order = new Order
        {
            OrderId = $"S1-{++_nextOrder}",
            ClientOrderId = r.ClientOrderId,
            Account = account,
            Instrument = r.Instrument,
            Buy = r.Buy,
            Market = r.Market,
            ImmediateOrCancel = r.ImmediateOrCancel || r.Market,
            PostOnly = r.PostOnly,
            CreateTimeNs = now,
            Sequence = ++_orderSequence,
            Price = r.Price,
            Amount = r.Amount,
            TimeNs = now,
        };
        account.ByClientId[r.ClientOrderId] = order;
        _ordersById[order.OrderId] = order;
        NotifyOrder(order);

        TakeLiquidity(s, order);
        if (order.IsOpen)
        {
            if (order.ImmediateOrCancel) Finish(order, OrderStatus.Expired, "expire");
            else Rest(order);
        }
        return Answer(id, w => OrderJson.WriteOrder(w, order, s.Spec));
    }

    private byte[] Amend(Account account, long id, AmendRequest r)
    {
        Order order = Find(account, r.Order);
        if (!order.IsOpen) throw new RpcException(RpcException.OrderNotOpen, $"order {order.OrderId} is {OrderJson.StatusName(order.Status)}");
        InstrumentState s = _instruments[order.Instrument];
        if (order.Market) throw new RpcException(RpcException.OrderNotOpen, $"market order {order.OrderId} cannot be amended");
        long price = r.Price is null ? order.Price : OrderDecimals.Parse("price", r.Price, s.Spec.Instrument.PriceScale, s.Spec.TickUnits, "tick");
        long amount = r.Amount is null ? order.Amount : OrderDecimals.Parse("amount", r.Amount, s.Spec.Instrument.QuantityScale, s.Spec.LotUnits, "lot");
        if (amount <= order.Filled)
            throw new RpcException(RpcException.InvalidParams, $"amount must exceed the filled amount of order {order.OrderId}");
        if (order.PostOnly && Crosses(s, order.Buy, price))
            throw new RpcException(RpcException.PostOnlyWouldCross, $"post-only amend of {order.OrderId} would cross the book");

        bool repriced = price != order.Price;
        Unrest(order);
        order.Price = price;
        order.Amount = amount;
        if (repriced) order.Sequence = ++_orderSequence; // a new price loses time priority
        Change(order, order.Filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Open, "amend");
        TakeLiquidity(s, order);
        if (order.IsOpen) Rest(order);
        return Answer(id, w => OrderJson.WriteOrder(w, order, s.Spec));
    }

    private byte[] Cancel(Account account, long id, OrderRef r)
    {
        Order order = Find(account, r);
        if (!order.IsOpen) throw new RpcException(RpcException.OrderNotOpen, $"order {order.OrderId} is {OrderJson.StatusName(order.Status)}");
        Unrest(order);
        Finish(order, OrderStatus.Cancelled, "cancel");
        return Answer(id, w => OrderJson.WriteOrder(w, order, _instruments[order.Instrument].Spec));
    }

    private byte[] CancelAll(Account account, long id, int? instrument)
    {
        int cancelled = 0;
        foreach (Order order in account.ByClientId.Values.Where(o => o.IsOpen && (instrument is null || o.Instrument == instrument)).OrderBy(o => o.Sequence).ToList())
        {
            Unrest(order);
            Finish(order, OrderStatus.Cancelled, "cancel");
            cancelled++;
        }
        return Answer(id, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("cancelled", cancelled);
            w.WriteEndObject();
        });
    }

    private Order Find(Account account, OrderRef r)
    {
        Order? order = null;
        if (r.OrderId is not null) _ordersById.TryGetValue(r.OrderId, out order);
        else if (r.ClientOrderId is { } c) account.ByClientId.TryGetValue(c, out order);
        if (order is null || order.Account != account) throw new RpcException(RpcException.UnknownOrder, $"unknown order ({r})");
        return order;
    }

    private static bool Crosses(InstrumentState s, bool buy, long price) =>
        buy ? s.Asks.Count > 0 && price >= s.Asks.BestPrice : s.Bids.Count > 0 && price <= s.Bids.BestPrice;

    /// <summary>A marketable order (or amend) sweeps the simulated book as a taker, level by level up to its price.</summary>
    private void TakeLiquidity(InstrumentState s, Order order)
    {
        if (!order.Market && !Crosses(s, order.Buy, order.Price)) return;
        _fills.Clear();
        _sweepingAccount = order.Account;
        long ms = MarketTimeOf(_steps) / 1_000_000;
        try
        {
            Sweep(s, order.Buy, order.Remaining, order.Market ? 0 : order.Price, ms, _fills, out _);
        }
        finally
        {
            _sweepingAccount = null;
        }
        foreach ((long price, long quantity) in _fills) Fill(order, price, quantity, maker: false);
        // The sweep changed the public book like any step: refill it and publish the diff and ticker now.
        Refill(s, bid: true);
        Refill(s, bid: false);
        EmitStep(s, ms);
        MatchCrossed(s);
        _published?.Invoke();
    }

    private void Rest(Order order)
    {
        _restingBuys ??= NewLists();
        _restingSells ??= NewLists();
        List<Order> list = (order.Buy ? _restingBuys : _restingSells)[order.Instrument];
        list.Add(order);
        // Price priority, then time.
        list.Sort(order.Buy
            ? static (a, b) => a.Price != b.Price ? b.Price.CompareTo(a.Price) : a.Sequence.CompareTo(b.Sequence)
            : static (a, b) => a.Price != b.Price ? a.Price.CompareTo(b.Price) : a.Sequence.CompareTo(b.Sequence));
    }

    private void Unrest(Order order)
    {
        if (_restingBuys is null) return;
        (order.Buy ? _restingBuys : _restingSells!)[order.Instrument].Remove(order);
    }

    private List<Order>[] NewLists()
    {
        var lists = new List<Order>[_instruments.Length];
        for (int i = 0; i < lists.Length; i++) lists[i] = [];
        return lists;
    }

    /// <summary>
    /// A public trade at <paramref name="price"/>: resting orders it trades through (buys above it, sells below
    /// it) fill at their own price, up to the traded quantity. Trades at exactly their price do not fill them:
    /// the simulator does not know their place in the queue.
    /// </summary>
    partial void OnPublicTrade(InstrumentState s, long price, long quantity, bool takerBuys)
    {
        if (_restingBuys is null) return;
        long left = quantity;
        List<Order> buys = _restingBuys[s.Id];
        for (int i = 0; i < buys.Count && left > 0 && buys[i].Price > price; )
            left -= FillResting(buys, ref i, buys[i].Price, left);
        left = quantity;
        List<Order> sells = _restingSells![s.Id];
        for (int i = 0; i < sells.Count && left > 0 && sells[i].Price < price; )
            left -= FillResting(sells, ref i, sells[i].Price, left);
    }

    /// <summary>After a step: resting orders the book has moved onto (best ask at or below a buy) fill against it.</summary>
    private void MatchCrossed(InstrumentState s)
    {
        if (_restingBuys is null) return;
        List<Order> buys = _restingBuys[s.Id];
        if (buys.Count > 0 && s.Asks.Count > 0 && buys[0].Price >= s.Asks.BestPrice)
        {
            long available = 0;
            for (int k = 0; k < s.Asks.Count && s.Asks.PriceAt(k) <= buys[0].Price; k++) available += s.Asks.QuantityAt(k);
            for (int i = 0; i < buys.Count && available > 0 && buys[i].Price >= s.Asks.BestPrice; )
                available -= FillResting(buys, ref i, buys[i].Price, available);
        }
        List<Order> sells = _restingSells![s.Id];
        if (sells.Count > 0 && s.Bids.Count > 0 && sells[0].Price <= s.Bids.BestPrice)
        {
            long available = 0;
            for (int k = 0; k < s.Bids.Count && s.Bids.PriceAt(k) >= sells[0].Price; k++) available += s.Bids.QuantityAt(k);
            for (int i = 0; i < sells.Count && available > 0 && sells[i].Price <= s.Bids.BestPrice; )
                available -= FillResting(sells, ref i, sells[i].Price, available);
        }
    }

    // Fills list[i] (as maker, at its price) up to `available`; advances i past it unless it was removed.
    private long FillResting(List<Order> list, ref int i, long price, long available)
    {
        Order order = list[i];
        if (order.Account == _sweepingAccount)
        {
            i++;
            return 0;
        }
        long quantity = Math.Min(order.Remaining, available);
        Fill(order, price, quantity, maker: true);
        if (!order.IsOpen) list.RemoveAt(i);
        else i++;
        return quantity;
    }

    private void Fill(Order order, long price, long quantity, bool maker)
    {
        InstrumentState s = _instruments[order.Instrument];
        VenueInstrument spec = s.Spec;
        long now = MarketTimeOf(_steps);
        order.Filled += quantity;
        order.FilledNotional += (Int128)price * quantity;
        decimal unit = OrderJson.QuantityUnit(spec);
        decimal realPrice = OrderJson.PriceOf(price, spec);
        decimal fee = realPrice * quantity * unit * (maker ? _options.MakerFeeBps : _options.TakerFeeBps) / 10_000m;
        if (!order.Account.Positions.TryGetValue(order.Instrument, out Position? position))
            order.Account.Positions[order.Instrument] = position = new Position();
        position.Apply(order.Buy ? quantity : -quantity, realPrice, unit);
        position.Fees += fee;

        string tradeId = $"T{++_nextTrade}";
        Notify(order.Account, "trades", w => OrderJson.WriteTrade(w, tradeId, order, spec, price, quantity, fee, maker, now));
        Change(order, order.Remaining == 0 ? OrderStatus.Filled : OrderStatus.PartiallyFilled, "fill");
    }

    private void Finish(Order order, OrderStatus status, string reason) => Change(order, status, reason);

    private void Change(Order order, OrderStatus status, string reason)
    {
        order.Status = status;
        order.ChangeReason = reason;
        order.TimeNs = MarketTimeOf(_steps);
        NotifyOrder(order);
    }

    private void NotifyOrder(Order order) =>
        Notify(order.Account, "orders", w => OrderJson.WriteOrder(w, order, _instruments[order.Instrument].Spec));

    // {"jsonrpc":"2.0","method":"subscription","params":{"channel":"orders","notification":[...]}}
    private static void Notify(Account account, string channel, Action<Utf8JsonWriter> item)
    {
        if (account.Sessions.Count == 0) return;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, RpcWriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteString("method", "subscription");
            w.WriteStartObject("params");
            w.WriteString("channel", channel);
            w.WriteStartArray("notification");
            item(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        byte[] message = buffer.WrittenSpan.ToArray();
        foreach (OrderEntryConnection session in account.Sessions) session.Notify(message);
    }

    internal static byte[] Answer(long id, Action<Utf8JsonWriter> result)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, RpcWriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WritePropertyName("result");
            result(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
