using System.Diagnostics;
using System.Text.Json;
using Appliance.Venue.Tests.Support;
using Appliance.WebSockets.Connection;

namespace Appliance.Venue.Tests.Trading;

/// <summary>Order-entry faults: a connection dropped in the middle of an order, answers held back.</summary>
public sealed class OrderEntryFaultTests
{
    private const string Insert = """{"client_order_id":900,"instrument_name":"BTCUSDT","direction":"buy","price":"50000.00","amount":"0.01000"}""";

    [TestCase(true)]
    [TestCase(false)]
    public async Task Drop_mid_order_then_open_orders_tells_the_truth_and_a_resend_never_doubles(bool processed)
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.StartPaused = true; o.OrderRate = 0; });
        using (TradeClient first = await TradeClient.LoginAsync(venue, "erin", tag: "gw"))
        {
            JsonElement injected = await venue.Control.FaultAsync($$"""{"kind":"drop_on_request","tag":"gw","method":"private/insert","process":{{(processed ? "true" : "false")}}}""");
            int faultId = injected.GetProperty("faults")[0].GetProperty("id").GetInt32();
            await first.ResultAsync("private/open_orders"); // not an insert: answered
            long insertId = first.Send("private/insert", Insert);
            first.Stream.WaitForEnd();
            Assert.That(first.Stream.Outcome, Is.EqualTo(ReceiveStatus.Failed), "dropped without a close frame");
            Assert.That(first.Messages().Any(m => m.TryGetProperty("id", out var id) && id.GetInt64() == insertId), Is.False, "no answer to the insert");
            Assert.That(first.Notifications("orders"), Is.Empty, "nothing about it either");
            JsonElement fault = await venue.Control.WaitForFaultAsync(faultId, TimeSpan.FromSeconds(5));
            Assert.That(fault.GetProperty("note").GetString(), Does.Contain(processed ? ", processed," : "not processed"));
        }

        using TradeClient second = await TradeClient.LoginAsync(venue, "erin");
        JsonElement open = await second.ResultAsync("private/open_orders");
        Assert.That(open.GetArrayLength(), Is.EqualTo(processed ? 1 : 0), "open_orders shows what the venue really did");
        JsonElement resent = await second.ResultAsync("private/insert", Insert);
        Assert.That(resent.TryGetProperty("duplicate", out var duplicate) && duplicate.GetBoolean(), Is.EqualTo(processed));
        Assert.That((await second.ResultAsync("private/open_orders")).GetArrayLength(), Is.EqualTo(1), "exactly one order either way");
    }

    [Test]
    public async Task Delay_holds_answers_back_and_keeps_their_order()
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.StartPaused = true; o.OrderRate = 0; });
        using TradeClient trader = await TradeClient.LoginAsync(venue, tag: "slow");
        JsonElement injected = await venue.Control.FaultAsync("""{"kind":"delay","tag":"slow","delay_ms":1000,"count":2}""");
        int faultId = injected.GetProperty("faults")[0].GetProperty("id").GetInt32();
        var clock = Stopwatch.StartNew();
        long a = trader.Send("private/open_orders");
        long b = trader.Send("private/positions");
        trader.WaitForAnswer(b);
        Assert.That(clock.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(995), "held back delay_ms");
        JsonElement[] answers = trader.Messages().Where(m => m.TryGetProperty("id", out _)).ToArray();
        Assert.That(answers.Select(m => m.GetProperty("id").GetInt64()).TakeLast(2), Is.EqualTo(new[] { a, b }), "in order");
        Assert.That((await venue.Control.WaitForFaultAsync(faultId, TimeSpan.FromSeconds(5))).GetProperty("messages").GetInt32(), Is.EqualTo(2));
        clock.Restart();
        await trader.ResultAsync("private/open_orders");
        Assert.That(clock.ElapsedMilliseconds, Is.LessThan(900), "the delay ended after two answers");
    }

    [Test]
    public async Task Drop_now_ends_an_order_entry_connection()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.StartPaused = true);
        using TradeClient trader = await TradeClient.LoginAsync(venue, tag: "t");
        await venue.Control.FaultAsync("""{"kind":"drop","tag":"t"}""");
        trader.Stream.WaitForEnd();
        Assert.That(trader.Stream.Connection.CloseCodeReceived, Is.Zero);
    }
}
