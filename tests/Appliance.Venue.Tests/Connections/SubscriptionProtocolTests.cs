using System.Text;
using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Connections;

/// <summary>The Binance live subscription protocol on /ws and /stream, answered as Binance documents it.</summary>
public sealed class SubscriptionProtocolTests
{
    private static JsonElement[] Replies(byte[][] messages) =>
        messages.Select(m => JsonDocument.Parse(m).RootElement).Where(e => e.TryGetProperty("id", out _)).ToArray();

    [Test]
    public async Task Subscribe_list_unsubscribe_and_properties_answer_with_result_and_id()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws"));
        client.Send("""{"method":"SUBSCRIBE","params":["btcusdt@aggTrade","btcusdt@depth"],"id":1}""");
        client.WaitFor(m => m.Any(p => Encoding.ASCII.GetString(p).Contains("\"e\":\"aggTrade\"")), "aggTrade messages");
        client.Send("""{"method":"LIST_SUBSCRIPTIONS","id":3}""");
        client.Send("""{"method":"UNSUBSCRIBE","params":["btcusdt@depth"],"id":312}""");
        client.Send("""{"method":"GET_PROPERTY","params":["combined"],"id":"q2"}""");
        client.Send("""{"method":"SET_PROPERTY","params":["combined",true],"id":5}""");
        client.Send("""{"method":"GET_PROPERTY","params":["combined"],"id":6}""");
        JsonElement[] replies = Replies(client.WaitFor(m => Replies(m).Length >= 6, "six answers"));

        Assert.That(replies[0].ToString(), Is.EqualTo("""{"result":null,"id":1}"""));
        Assert.That(replies[1].ToString(), Is.EqualTo("""{"result":["btcusdt@aggTrade","btcusdt@depth"],"id":3}"""));
        Assert.That(replies[2].ToString(), Is.EqualTo("""{"result":null,"id":312}"""));
        Assert.That(replies[3].ToString(), Is.EqualTo("""{"result":false,"id":"q2"}"""));
        Assert.That(replies[4].ToString(), Is.EqualTo("""{"result":null,"id":5}"""));
        Assert.That(replies[5].ToString(), Is.EqualTo("""{"result":true,"id":6}"""));

        // Our decoder turns the answers into Subscribed status events carrying the request id.
        List<MarketEvent> statuses = Decoded.All(table, client.Snapshot().Where(m => m.AsSpan().StartsWith("{\"result\":null"u8))).ToList();
        Assert.That(statuses, Has.Count.EqualTo(3));
        Assert.That(statuses.Select(e => e.Status), Has.All.EqualTo(FeedStatus.Subscribed));

        // After SET_PROPERTY combined=true the payloads arrive wrapped.
        int before = client.Count;
        byte[][] after = client.WaitFor(m => m.Skip(before).Any(p => Encoding.ASCII.GetString(p).StartsWith("{\"stream\":\"btcusdt@aggTrade\",\"data\":{")), "wrapped payloads");
        Assert.That(after.Skip(before).Select(Encoding.ASCII.GetString).Where(s => s.StartsWith("{\"stream\"")).Any(s => s.Contains("btcusdt@depth")), Is.False, "unsubscribed stream stops");
    }

    [Test]
    public async Task Bad_requests_get_binance_error_objects_and_the_connection_stays_up()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.StartPaused = true);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@trade"));
        client.Send("""{"method":"FOO","id":7}""");
        client.Send("""{"params":[],"id":8}""");
        client.Send("""{"method":"SUBSCRIBE","params":["xyzusdt@trade"],"id":9}""");
        client.Send("""{"method":"SET_PROPERTY","params":["colour",true],"id":10}""");
        client.Send("""{"method":"SET_PROPERTY","params":["combined","yes"],"id":11}""");
        client.Send("""{"method":"SUBSCRIBE","params":["btcusdt@depth"],"id":[1]}""");
        client.Send("""{not json""");
        byte[][] messages = client.WaitForCount(7);
        string[] text = messages.Select(Encoding.UTF8.GetString).ToArray();
        Assert.That(text[0], Does.StartWith("{\"code\":2,\"msg\":\"Invalid request: unknown variant `FOO`").And.EndWith(",\"id\":7}"));
        Assert.That(text[1], Is.EqualTo("{\"code\":2,\"msg\":\"Invalid request: missing field `method`\",\"id\":8}"));
        Assert.That(text[2], Is.EqualTo("{\"code\":2,\"msg\":\"Invalid request: unknown stream 'xyzusdt@trade'\",\"id\":9}"));
        Assert.That(text[3], Is.EqualTo("{\"code\":0,\"msg\":\"Unknown property\",\"id\":10}"));
        Assert.That(text[4], Is.EqualTo("{\"code\":1,\"msg\":\"Invalid value type: expected Boolean\",\"id\":11}"));
        Assert.That(text[5], Is.EqualTo("{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\",\"id\":null}"));
        Assert.That(text[6], Does.StartWith("{\"code\":3,\"msg\":\"Invalid JSON"));

        List<MarketEvent> events = Decoded.All(table, messages.Take(5));
        Assert.That(events.Select(e => e.Status), Has.All.EqualTo(FeedStatus.RequestRejected));
        Assert.That(events.Select(e => e.StatusDetail), Is.EqualTo(new long[] { 2, 2, 2, 0, 1 }), "error codes");

        client.Send("""{"method":"LIST_SUBSCRIPTIONS","id":12}""");
        Assert.That(Encoding.UTF8.GetString(client.WaitForCount(8)[7]), Is.EqualTo("{\"result\":[\"btcusdt@trade\"],\"id\":12}"));
    }

    [Test]
    public async Task Unknown_stream_in_the_url_is_refused_before_the_upgrade()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.StartPaused = true);
        var e = Assert.Throws<Appliance.WebSockets.Errors.WebSocketConnectException>(() => StreamClient.Connect(venue.WebSocketUri("/ws/btcusdt@candles")))!;
        Assert.That(e.Message, Does.Contain("400"));
    }
}
