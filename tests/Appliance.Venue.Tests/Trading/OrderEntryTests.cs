using System.Text.Json;
using Appliance.Primitives.FixedPoint;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Trading;

/// <summary>Order entry round trips against the simulated book (docs/order-entry-protocol.md).</summary>
public sealed class OrderEntryTests
{
    private static (long Price, long Quantity)[] Levels(JsonElement book, string side, int ps, int qs) =>
        book.GetProperty(side).EnumerateArray().Select(l => (ReferenceBook.Parse(l[0].GetString()!, ps), ReferenceBook.Parse(l[1].GetString()!, qs))).ToArray();

    private static Task<VenueHost> PausedVenueAsync(Action<VenueOptions>? more = null) => Venues.StartAsync(o =>
    {
        o.StartPaused = true;
        o.OrderRate = 0;
        o.TakerFeeBps = 2;
        o.MakerFeeBps = 1;
        more?.Invoke(o);
    });

    [Test]
    public async Task A_marketable_limit_order_fills_level_by_level_and_prints_public_trades()
    {
        await using VenueHost venue = await PausedVenueAsync();
        using TradeClient trader = await TradeClient.LoginAsync(venue);
        using var tape = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@trade"));
        Await.Until(() => venue.Runtime.Connections.Open.Length == 2, "both connections");
        var asks = Levels(await venue.Control.BookAsync("BTCUSDT"), "asks", 2, 5);
        long amount = asks[0].Quantity + asks[1].Quantity / 2 / 1 * 1;
        amount -= amount % 1;
        string price = FixedDecimal.ToString(asks[1].Price, 2);

        JsonElement order = await trader.ResultAsync("private/insert",
            $$"""{"client_order_id":1,"instrument_name":"BTCUSDT","direction":"buy","order_type":"limit","price":"{{price}}","amount":"{{FixedDecimal.ToString(amount, 5)}}"}""");

        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("filled"));
        Assert.That(order.GetProperty("filled_amount").GetString(), Is.EqualTo(FixedDecimal.ToString(amount, 5)));
        long second = amount - asks[0].Quantity;
        Int128 notional = (Int128)asks[0].Price * asks[0].Quantity + (Int128)asks[1].Price * second;
        Assert.That(order.GetProperty("average_fill_price").GetString(), Is.EqualTo(Appliance.Venue.Trading.OrderJson.Ratio(notional, amount, 2)));

        JsonElement[] trades = trader.Notifications("trades");
        Assert.That(trades.Select(t => (t.GetProperty("price").GetString(), t.GetProperty("amount").GetString(), t.GetProperty("liquidity").GetString())),
            Is.EqualTo(new[]
            {
                (FixedDecimal.ToString(asks[0].Price, 2), FixedDecimal.ToString(asks[0].Quantity, 5), "taker"),
                (FixedDecimal.ToString(asks[1].Price, 2), FixedDecimal.ToString(second, 5), "taker"),
            }));
        // Order notifications: insert, then one fill per level; the trade comes before the order change it causes.
        JsonElement[] orders = trader.Notifications("orders");
        Assert.That(orders.Select(o => (o.GetProperty("status").GetString(), o.GetProperty("change_reason").GetString())),
            Is.EqualTo(new[] { ("open", "insert"), ("partially_filled", "fill"), ("filled", "fill") }));
        JsonElement[] all = trader.Messages();
        int firstTrade = Array.FindIndex(all, m => m.TryGetProperty("params", out var p) && p.GetProperty("channel").GetString() == "trades");
        int firstFill = Array.FindIndex(all, m => m.ToString().Contains("\"change_reason\":\"fill\""));
        Assert.That(firstTrade, Is.LessThan(firstFill));

        // The public tape shows the taker's trades and the book lost that liquidity.
        byte[][] tapeMessages = tape.WaitFor(m => m.Length >= 2, "public trades");
        Assert.That(System.Text.Encoding.ASCII.GetString(tapeMessages[0]), Does.Contain($"\"p\":\"{FixedDecimal.ToString(asks[0].Price, 2)}000000\""));
        var after = Levels(await venue.Control.BookAsync("BTCUSDT"), "asks", 2, 5);
        Assert.That(after[0], Is.EqualTo((asks[1].Price, asks[1].Quantity - second)));

        JsonElement position = (await trader.ResultAsync("private/positions"))[0];
        Assert.That(position.GetProperty("instrument_name").GetString(), Is.EqualTo("BTCUSDT"));
        Assert.That(position.GetProperty("position").GetString(), Is.EqualTo(FixedDecimal.ToString(amount, 5)));
        Assert.That(position.GetProperty("average_price").GetString(), Is.EqualTo(order.GetProperty("average_fill_price").GetString()));
    }

    [Test]
    public async Task Ioc_remainder_expires_and_a_market_order_sells_into_the_bids()
    {
        await using VenueHost venue = await PausedVenueAsync();
        using TradeClient trader = await TradeClient.LoginAsync(venue);
        JsonElement book = await venue.Control.BookAsync("ETHUSDT");
        var asks = Levels(book, "asks", 2, 4);
        var bids = Levels(book, "bids", 2, 4);

        JsonElement ioc = await trader.ResultAsync("private/insert",
            $$"""{"client_order_id":1,"instrument_name":"ETHUSDT","direction":"buy","price":"{{FixedDecimal.ToString(asks[0].Price, 2)}}","amount":"{{FixedDecimal.ToString(asks[0].Quantity * 3, 4)}}","time_in_force":"immediate_or_cancel"}""");
        Assert.That(ioc.GetProperty("status").GetString(), Is.EqualTo("expired"));
        Assert.That(ioc.GetProperty("filled_amount").GetString(), Is.EqualTo(FixedDecimal.ToString(asks[0].Quantity, 4)));
        Assert.That(ioc.GetProperty("remaining_amount").GetString(), Is.EqualTo("0.0000"));

        JsonElement market = await trader.ResultAsync("private/insert",
            $$"""{"client_order_id":2,"instrument_name":"ETHUSDT","direction":"sell","order_type":"market","amount":"{{FixedDecimal.ToString(asks[0].Quantity, 4)}}"}""");
        Assert.That(market.GetProperty("status").GetString(), Is.EqualTo("filled"));
        Assert.That(market.GetProperty("price").ValueKind, Is.EqualTo(JsonValueKind.Null));
        JsonElement[] sells = trader.Notifications("trades").Where(t => t.GetProperty("client_order_id").GetInt64() == 2).ToArray();
        Assert.That(sells[0].GetProperty("price").GetString(), Is.EqualTo(FixedDecimal.ToString(bids[0].Price, 2)), "sold into the best bid first");
        static decimal D(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        JsonElement position = (await trader.ResultAsync("private/positions"))[0];
        Assert.That(position.GetProperty("position").GetString(), Is.EqualTo("0.0000"), "bought at the best ask, sold the same amount");
        decimal expectedPnl = sells.Sum(t => D(t, "price") * D(t, "amount")) - asks[0].Price / 100m * asks[0].Quantity / 10_000m;
        Assert.That(D(position, "realized_pnl"), Is.EqualTo(expectedPnl));
        Assert.That(position.GetProperty("average_price").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_resting_order_fills_as_maker_when_the_market_trades_through_it()
    {
        await using VenueHost venue = await PausedVenueAsync();
        using TradeClient trader = await TradeClient.LoginAsync(venue);
        var bids = Levels(await venue.Control.BookAsync("SOLUSDT"), "bids", 3, 3);
        string price = FixedDecimal.ToString(bids[0].Price, 3);
        JsonElement order = await trader.ResultAsync("private/insert",
            $$"""{"client_order_id":5,"instrument_name":"SOLUSDT","direction":"buy","price":"{{price}}","amount":"1.000","post_only":true}""");
        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("open"));

        for (int i = 0; i < 50 && !trader.Notifications("trades").Any(); i++) await venue.Control.StepAsync(500);
        JsonElement trade = trader.Notifications("trades").FirstOrDefault();
        Assert.That(trade.ValueKind, Is.EqualTo(JsonValueKind.Object), "the random walk traded through the order");
        Assert.That(trade.GetProperty("price").GetString(), Is.EqualTo(price), "fills at its own price");
        Assert.That(trade.GetProperty("liquidity").GetString(), Is.EqualTo("maker"));
        decimal fee = decimal.Parse(trade.GetProperty("fee").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        decimal notional = bids[0].Price / 1000m * decimal.Parse(trade.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(fee, Is.EqualTo(decimal.Round(notional * 0.0001m, 6)), "maker fee 1 bp");
    }

    [Test]
    public async Task Duplicate_client_order_id_returns_the_existing_order()
    {
        await using VenueHost venue = await PausedVenueAsync();
        using TradeClient trader = await TradeClient.LoginAsync(venue);
        string insert = """{"client_order_id":77,"instrument_name":"BTCUSDT","direction":"buy","price":"60000.00","amount":"0.01000"}""";
        JsonElement first = await trader.ResultAsync("private/insert", insert);
        JsonElement second = await trader.ResultAsync("private/insert", insert.Replace("60000.00", "60001.00"));
        Assert.That(second.GetProperty("order_id").GetString(), Is.EqualTo(first.GetProperty("order_id").GetString()));
        Assert.That(second.GetProperty("duplicate").GetBoolean(), Is.True);
        Assert.That(second.GetProperty("price").GetString(), Is.EqualTo("60000.00"), "the existing order, unchanged");
        Assert.That(first.TryGetProperty("duplicate", out _), Is.False);
        Assert.That((await trader.ResultAsync("private/open_orders")).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Amend_cancel_and_cancel_all()
    {
        await using VenueHost venue = await PausedVenueAsync();
        using TradeClient trader = await TradeClient.LoginAsync(venue);
        for (int i = 1; i <= 3; i++)
            await trader.ResultAsync("private/insert", $$"""{"client_order_id":{{i}},"instrument_name":"BTCUSDT","direction":"sell","price":"70000.0{{i}}","amount":"0.01000"}""");
        await trader.ResultAsync("private/insert", """{"client_order_id":4,"instrument_name":"ETHUSDT","direction":"buy","price":"3000.00","amount":"1.0000"}""");

        JsonElement amended = await trader.ResultAsync("private/amend", """{"client_order_id":1,"price":"70100.00","amount":"0.02000"}""");
        Assert.That((amended.GetProperty("price").GetString(), amended.GetProperty("amount").GetString(), amended.GetProperty("change_reason").GetString()),
            Is.EqualTo(("70100.00", "0.02000", "amend")));
        JsonElement cancelled = await trader.ResultAsync("private/cancel", $$"""{"order_id":"{{amended.GetProperty("order_id").GetString()}}"}""");
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That(await trader.ErrorCodeAsync("private/cancel", """{"client_order_id":1}"""), Is.EqualTo(10005), "already cancelled");

        JsonElement all = await trader.ResultAsync("private/cancel_all", """{"instrument_name":"BTCUSDT"}""");
        Assert.That(all.GetProperty("cancelled").GetInt32(), Is.EqualTo(2));
        JsonElement open = await trader.ResultAsync("private/open_orders");
        Assert.That(open.GetArrayLength(), Is.EqualTo(1));
        Assert.That(open[0].GetProperty("client_order_id").GetInt64(), Is.EqualTo(4));
        Assert.That(trader.Notifications("orders").Count(o => o.GetProperty("status").GetString() == "cancelled"), Is.EqualTo(3));
    }

    [Test]
    public async Task Rejections_carry_the_documented_codes()
    {
        await using VenueHost venue = await PausedVenueAsync(o => o.ApiKey = "secret");
        using TradeClient trader = TradeClient.Connect(venue);
        Assert.That(await trader.ErrorCodeAsync("private/open_orders"), Is.EqualTo(10006), "not logged in");
        Assert.That(await trader.ErrorCodeAsync("public/login", """{"key":"guess"}"""), Is.EqualTo(10007), "wrong key");
        Assert.That((await trader.ResultAsync("public/login", """{"key":"secret"}""")).GetProperty("account").GetString(), Is.EqualTo("secret"));

        var asks = Levels(await venue.Control.BookAsync("BTCUSDT"), "asks", 2, 5);
        string bestAsk = FixedDecimal.ToString(asks[0].Price, 2);
        Assert.That(await trader.ErrorCodeAsync("private/insert", """{"client_order_id":1,"instrument_name":"DOGEUSDT","direction":"buy","price":"1.00","amount":"1"}"""), Is.EqualTo(10001));
        Assert.That(await trader.ErrorCodeAsync("private/insert", """{"client_order_id":2,"instrument_name":"BTCUSDT","direction":"buy","price":"100.001","amount":"0.01"}"""), Is.EqualTo(10003), "price not on tick");
        Assert.That(await trader.ErrorCodeAsync("private/insert", """{"client_order_id":3,"instrument_name":"SOLUSDT","direction":"buy","price":"100.005","amount":"1"}"""), Is.EqualTo(10003), "SOL tick is 0.010");
        Assert.That(await trader.ErrorCodeAsync("private/insert", """{"client_order_id":4,"instrument_name":"BTCUSDT","direction":"buy","price":"100.00","amount":"0.000001"}"""), Is.EqualTo(10003), "amount not on lot");
        Assert.That(await trader.ErrorCodeAsync("private/insert", $$"""{"client_order_id":5,"instrument_name":"BTCUSDT","direction":"buy","price":"{{bestAsk}}","amount":"0.01","post_only":true}"""), Is.EqualTo(10004));
        Assert.That(await trader.ErrorCodeAsync("private/cancel", """{"order_id":"S1-999"}"""), Is.EqualTo(10002));
        Assert.That(await trader.ErrorCodeAsync("private/insert", """{"client_order_id":6,"instrument_name":"BTCUSDT","direction":"up","price":"1.00","amount":"0.01"}"""), Is.EqualTo(-32602));
        Assert.That(await trader.ErrorCodeAsync("private/insert", """{"client_order_id":7,"instrument_name":"BTCUSDT","direction":"buy","price":100.5,"amount":"0.01"}"""), Is.EqualTo(-32602), "numbers are not decimal strings");
        Assert.That(await trader.ErrorCodeAsync("private/teleport"), Is.EqualTo(-32601));
        Assert.That((await trader.ResultAsync("private/open_orders")).GetArrayLength(), Is.Zero, "nothing was created");

        trader.Stream.Send("""{"jsonrpc":"2.0","id":50,"method":"private/positions"""); // truncated
        trader.Stream.Send("""{"id":51,"method":"private/positions"}""");
        JsonElement[] messages = trader.Stream.WaitFor(m => m.Length >= 15, "two more answers").Skip(13).Select(m => JsonDocument.Parse(m).RootElement.Clone()).ToArray();
        Assert.That(messages[0].GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32700));
        Assert.That(messages[0].GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(messages[1].GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32600));
        Assert.That(messages[1].GetProperty("id").GetInt64(), Is.EqualTo(51));
    }

    [Test]
    public async Task Requests_beyond_the_rate_limit_are_refused_with_10029_and_do_nothing()
    {
        await using VenueHost venue = await PausedVenueAsync(o => o.OrderRate = 5);
        using TradeClient trader = TradeClient.Connect(venue);
        trader.Send("public/login", """{"key":"bob"}"""); // takes one token
        long[] ids = Enumerable.Range(1, 12).Select(i => trader.Send("private/insert",
            $$"""{"client_order_id":{{i}},"instrument_name":"BTCUSDT","direction":"buy","price":"50000.00","amount":"0.01000"}""")).ToArray();
        JsonElement[] answers = ids.Select(id => trader.WaitForAnswer(id)).ToArray();
        int refused = answers.Count(a => a.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == 10029);
        int accepted = answers.Count(a => a.TryGetProperty("result", out _));
        Assert.That(refused, Is.GreaterThanOrEqualTo(6), "a burst of 5 (login took one), then about 5 a second");
        Assert.That(accepted + refused, Is.EqualTo(12));

        await Await.UntilAsync(async () => (await trader.CallAsync("private/open_orders")).TryGetProperty("result", out _), "a token for open_orders");
        JsonElement open = (await trader.CallAsync("private/open_orders")).TryGetProperty("result", out var r) ? r : default;
        if (open.ValueKind == JsonValueKind.Array) Assert.That(open.GetArrayLength(), Is.EqualTo(accepted), "refused inserts created nothing");
        JsonElement connection = (await venue.Control.ConnectionsAsync())[0];
        Assert.That(connection.GetProperty("rate_limited").GetInt64(), Is.GreaterThanOrEqualTo(refused));
    }

    [Test]
    public async Task Every_session_of_the_account_gets_the_notifications()
    {
        await using VenueHost venue = await PausedVenueAsync();
        using TradeClient a = await TradeClient.LoginAsync(venue, "carol");
        using TradeClient b = await TradeClient.LoginAsync(venue, "carol");
        using TradeClient other = await TradeClient.LoginAsync(venue, "dave");
        await a.ResultAsync("private/insert", """{"client_order_id":1,"instrument_name":"ETHUSDT","direction":"buy","price":"2000.00","amount":"1.0000"}""");
        b.Stream.WaitFor(_ => b.Notifications("orders").Length == 1, "the other session's notification");
        Assert.That(other.Notifications("orders"), Is.Empty);
        Assert.That((await other.ResultAsync("private/open_orders")).GetArrayLength(), Is.Zero, "accounts are separate");
        Assert.That(await other.ErrorCodeAsync("private/cancel", """{"order_id":"S1-1"}"""), Is.EqualTo(10002), "another account's order is unknown");
        Assert.That((await b.ResultAsync("private/cancel", """{"client_order_id":1}""")).GetProperty("status").GetString(), Is.EqualTo("cancelled"));
    }
}
