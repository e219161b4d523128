using System.Text;
using System.Text.Json;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Venue.Tests.Support;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Errors;

namespace Appliance.Venue.Tests.Faults;

/// <summary>
/// Each fault, injected through the control API, is seen by a real client exactly as /control/stats
/// describes it: the ids it skipped, the messages it repeated, what it withheld.
/// </summary>
public sealed class MarketFaultTests
{
    private static async Task<int> InjectAsync(VenueHost venue, string json)
    {
        JsonElement answer = await venue.Control.FaultAsync(json);
        Assert.That(answer.GetProperty("faults").GetArrayLength(), Is.EqualTo(1), answer.ToString());
        return answer.GetProperty("faults")[0].GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> ConnectionAsync(VenueHost venue, string tag)
    {
        foreach (JsonElement c in (await venue.Control.ConnectionsAsync()).EnumerateArray())
            if (c.TryGetProperty("tag", out JsonElement t) && t.GetString() == tag) return c;
        Assert.Fail($"no connection tagged {tag}");
        return default;
    }

    [Test]
    public async Task Drop_closes_tcp_without_a_close_frame()
    {
        await using VenueHost venue = await Venues.StartAsync();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth&tag=d"));
        client.WaitForCount(20);
        int id = await InjectAsync(venue, """{"kind":"drop","tag":"d"}""");
        client.WaitForEnd();
        Assert.That(client.Outcome, Is.EqualTo(ReceiveStatus.Failed));
        Assert.That(client.Connection.Error.Kind, Is.EqualTo(WebSocketErrorKind.ConnectionClosedWithoutCloseFrame));
        Assert.That(client.Connection.CloseCodeReceived, Is.Zero, "no close frame");

        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(5));
        Assert.That(fault.GetProperty("state").GetString(), Is.EqualTo("done"));
        JsonElement connection = await ConnectionAsync(venue, "d");
        Assert.That(connection.GetProperty("open").GetBoolean(), Is.False);
        Assert.That(connection.GetProperty("close_reason").GetString(), Is.EqualTo($"dropped by fault {id}"));
        Assert.That(client.Count, Is.EqualTo(connection.GetProperty("messages_sent").GetInt64()), "every message sent arrived");
    }

    [Test]
    public async Task Drop_rst_resets_the_connection()
    {
        await using VenueHost venue = await Venues.StartAsync();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth&tag=r"));
        client.WaitForCount(20);
        int id = await InjectAsync(venue, """{"kind":"drop","tag":"r","variant":"rst"}""");
        client.WaitForEnd();
        Assert.That(client.Outcome, Is.EqualTo(ReceiveStatus.Failed));
        Assert.That(client.Connection.Error.Kind, Is.AnyOf(WebSocketErrorKind.TransportError, WebSocketErrorKind.ConnectionClosedWithoutCloseFrame));
        Assert.That(client.Connection.CloseCodeReceived, Is.Zero, "no close frame");
        Assert.That((await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(5))).GetProperty("note").GetString(), Does.StartWith("TCP reset"));
    }

    [Test]
    public async Task Close_sends_the_close_frame_asked_for()
    {
        await using VenueHost venue = await Venues.StartAsync();
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/ethusdt@trade?tag=c"));
        client.WaitForCount(3);
        await InjectAsync(venue, """{"kind":"close","tag":"c","code":4000,"reason":"maintenance"}""");
        client.WaitForEnd();
        Assert.That(client.Outcome, Is.EqualTo(ReceiveStatus.Closed));
        Assert.That(client.Connection.CloseCodeReceived, Is.EqualTo(4000));
        Assert.That(client.Connection.CloseReason, Is.EqualTo("maintenance"));
    }

    [Test]
    public async Task Gap_skips_exactly_the_update_ids_it_reports()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth/ethusdt@depth&tag=g"));
        client.WaitForCount(50);
        int id = await InjectAsync(venue, """{"kind":"gap","tag":"g","symbol":"BTCUSDT","count":4}""");
        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(10));
        client.WaitForCount(client.Count + 100);

        JsonElement skipped = fault.GetProperty("skipped");
        Assert.That(skipped.GetArrayLength(), Is.EqualTo(4));
        var skippedIds = new SortedSet<long>();
        foreach (JsonElement s in skipped.EnumerateArray())
        {
            Assert.That(s.GetProperty("stream").GetString(), Is.EqualTo("btcusdt@depth"));
            for (long i = s.GetProperty("first_id").GetInt64(); i <= s.GetProperty("last_id").GetInt64(); i++) skippedIds.Add(i);
        }
        var btc = DepthIds.Of(table, client.Snapshot()).Where(d => d.Stream == "btcusdt@depth");
        var missing = new SortedSet<long>(DepthIds.Missing(btc).SelectMany(r => Enumerable.Range(0, (int)(r.Last - r.First + 1)).Select(k => r.First + k)));
        Assert.That(missing, Is.EqualTo(skippedIds), "the client misses exactly the ids the venue says it skipped");
        Assert.That(DepthIds.Missing(DepthIds.Of(table, client.Snapshot()).Where(d => d.Stream == "ethusdt@depth")), Is.Empty, "other symbols untouched");
    }

    [Test]
    public async Task Duplicate_resends_the_last_messages_it_reports()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=solusdt@depth/solusdt@trade&tag=u"));
        client.WaitForCount(50);
        int id = await InjectAsync(venue, """{"kind":"duplicate","tag":"u","count":5}""");
        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(10));
        byte[][] messages = client.WaitForCount(client.Count + 20);

        JsonElement duplicated = fault.GetProperty("duplicated");
        Assert.That(duplicated.GetArrayLength(), Is.EqualTo(5));
        // Somewhere the client received five messages that repeat, byte for byte, the five before them.
        int at = -1;
        for (int i = 5; i + 5 <= messages.Length && at < 0; i++)
        {
            bool same = true;
            for (int k = 0; k < 5 && same; k++) same = messages[i + k].AsSpan().SequenceEqual(messages[i - 5 + k]);
            if (same) at = i;
        }
        Assert.That(at, Is.GreaterThan(0), "a repeated run of five messages");
        for (int k = 0; k < 5; k++)
        {
            string text = Encoding.ASCII.GetString(messages[at + k]);
            JsonElement d = duplicated[k];
            Assert.That(text, Does.StartWith($"{{\"stream\":\"{d.GetProperty("stream").GetString()}\""));
            string idText = d.GetProperty("stream").GetString()!.EndsWith("@trade") ? $"\"t\":{d.GetProperty("first_id")}" : $"\"U\":{d.GetProperty("first_id")},\"u\":{d.GetProperty("last_id")}";
            Assert.That(text, Does.Contain(idText));
        }
    }

    [Test]
    public async Task Duplicate_at_open_replays_what_the_previous_connection_already_had()
    {
        await using VenueHost venue = await Venues.StartAsync(o =>
        {
            o.StartPaused = true;
            o.Faults.Add(Appliance.Venue.Faults.FaultSpec.ParseFlag("kind=duplicate,count=20,after_ms=0,tag=again"));
        });
        InstrumentTable table = venue.CreateInstrumentTable();
        byte[][] before;
        using (var first = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth/btcusdt@trade&tag=first")))
        {
            await venue.Control.WaitForOpenConnectionsAsync(1, TimeSpan.FromSeconds(10));
            await venue.Control.StepAsync(300);
            long sent = 0;
            await Await.UntilAsync(async () => (sent = (await ConnectionAsync(venue, "first")).GetProperty("messages_sent").GetInt64()) > 0 && first.Count == sent, "the first connection to catch up");
            before = first.Snapshot();
        }
        using var again = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth/btcusdt@trade&tag=again"));
        byte[][] replayed = again.WaitForCount(20);
        JsonElement fault = await venue.Control.WaitForFaultAsync(1, TimeSpan.FromSeconds(5));
        Assert.That(fault.GetProperty("duplicated").GetArrayLength(), Is.EqualTo(20));
        for (int i = 0; i < 20; i++) Assert.That(replayed[i], Is.EqualTo(before[before.Length - 20 + i]), $"message {i} is the first connection's, again");

        await venue.Control.StepAsync(100);
        byte[][] all = again.WaitFor(m => DepthIds.Of(table, m).Count >= 30, "live diffs after the replayed ones");
        Assert.That(DepthIds.Missing(DepthIds.Of(table, all)), Is.Empty, "the replayed backlog joins the live stream without a gap");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Stall_withholds_data_and_answers_pings_only_if_asked(bool pings)
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth&tag=s"),
            new WebSocketClientOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(40) });
        client.WaitForCount(30);
        int id = await InjectAsync(venue, $$"""{"kind":"stall","tag":"s","duration_ms":1200,"pings":{{(pings ? "true" : "false")}}}""");
        await Await.UntilAsync(async () => (await venue.Control.FaultAsync(id)).GetProperty("state").GetString() == "active", "the stall to start");
        int messagesAtStart = client.Count;
        long pongsAtStart = client.Connection.Counters.PongsReceived;
        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(10));
        long pongsDuring = client.Connection.Counters.PongsReceived - pongsAtStart;
        int messagesDuring = client.Count - messagesAtStart;
        client.WaitForCount(client.Count + 30);

        if (pings) Assert.That(pongsDuring, Is.GreaterThanOrEqualTo(5), "heartbeats continued while the feed stopped");
        else Assert.That(pongsDuring, Is.LessThanOrEqualTo(1), "nothing at all while stalled (one pong may have been in flight)");
        JsonElement withheld = fault.GetProperty("withheld");
        Assert.That(withheld.GetArrayLength(), Is.EqualTo(1));
        Assert.That(messagesDuring, Is.LessThan(withheld[0].GetProperty("count").GetInt64() / 10), "data stopped (a few may have been in flight)");
        long first = withheld[0].GetProperty("first_id").GetInt64(), last = withheld[0].GetProperty("last_id").GetInt64();
        Assert.That(withheld[0].GetProperty("count").GetInt64(), Is.GreaterThan(100), "about 1.2 s of BTC diffs");
        var missing = DepthIds.Missing(DepthIds.Of(table, client.Snapshot()));
        Assert.That(missing, Is.EqualTo(new[] { (first, last) }), "after the stall the stream resumes live: exactly the withheld ids are missing");
    }

    [Test]
    public async Task Stall_until_cleared_ends_on_clear()
    {
        await using VenueHost venue = await Venues.StartAsync();
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/btcusdt@depth?tag=x"));
        client.WaitForCount(10);
        int stall = await InjectAsync(venue, """{"kind":"stall","tag":"x","duration_ms":0}""");
        await Await.UntilAsync(async () => (await venue.Control.FaultAsync(stall)).GetProperty("state").GetString() == "active", "the stall to start");
        int clear = await InjectAsync(venue, """{"kind":"clear","tag":"x"}""");
        Assert.That((await venue.Control.WaitForFaultAsync(stall, TimeSpan.FromSeconds(5))).GetProperty("state").GetString(), Is.EqualTo("cleared"));
        Assert.That((await venue.Control.WaitForFaultAsync(clear, TimeSpan.FromSeconds(5))).GetProperty("state").GetString(), Is.EqualTo("done"));
        client.WaitForCount(client.Count + 20);
    }

    [Test]
    public async Task Garbage_json_is_counted_by_the_decoder_and_the_stream_goes_on()
    {
        await using VenueHost venue = await Venues.StartAsync();
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@trade&tag=j"));
        client.WaitForCount(5);
        int id = await InjectAsync(venue, """{"kind":"garbage","tag":"j","count":5,"variant":"json"}""");
        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(5));
        byte[][] messages = client.WaitForCount(client.Count + 10);
        Assert.That(fault.GetProperty("frames").GetInt32(), Is.EqualTo(5));

        var decoder = new BinanceDecoder(table);
        var buffer = new MarketEventBuffer(64);
        int failed = 0;
        foreach (byte[] m in messages)
        {
            buffer.Clear();
            if (!decoder.Decode(m, default, ref buffer).IsOk) failed++;
        }
        Assert.That(failed, Is.EqualTo(5), "exactly the garbage frames fail to decode");
        Assert.That(client.Ended, Is.False);
    }

    [Test]
    public async Task Garbage_utf8_fails_a_validating_client_with_1007()
    {
        await using VenueHost venue = await Venues.StartAsync();
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/btcusdt@trade?tag=b"));
        client.WaitForCount(2);
        await InjectAsync(venue, """{"kind":"garbage","tag":"b","variant":"utf8"}""");
        client.WaitForEnd();
        Assert.That(client.Connection.Error.Kind, Is.EqualTo(WebSocketErrorKind.InvalidUtf8));
        Assert.That(client.Connection.Counters.CloseCodeSent, Is.EqualTo(1007));
    }

    [Test]
    public async Task Oversize_frame_trips_the_clients_frame_limit()
    {
        await using VenueHost venue = await Venues.StartAsync();
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/btcusdt@trade?tag=o"),
            new WebSocketClientOptions { KeepAliveInterval = TimeSpan.Zero, MaxFrameSize = 1 << 20, MaxMessageSize = 1 << 20 });
        client.WaitForCount(2);
        int id = await InjectAsync(venue, """{"kind":"oversize","tag":"o","size":2097152}""");
        client.WaitForEnd();
        Assert.That(client.Connection.Error.Kind, Is.EqualTo(WebSocketErrorKind.FrameTooLarge));
        Assert.That(client.Connection.Counters.CloseCodeSent, Is.EqualTo(1009));
        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(10));
        Assert.That(fault.GetProperty("frames").GetInt32(), Is.EqualTo(1));
        Assert.That(fault.GetProperty("bytes").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Slow_sending_trickles_bytes_without_losing_a_message()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 1000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth/btcusdt@trade&tag=w"));
        client.WaitForCount(10);
        int id = await InjectAsync(venue, """{"kind":"slow","tag":"w","duration_ms":600,"chunk_bytes":7,"interval_ms":1}""");
        JsonElement fault = await venue.Control.WaitForFaultAsync(id, TimeSpan.FromSeconds(10));
        byte[][] messages = client.WaitForCount(client.Count + 50);
        Assert.That(fault.GetProperty("bytes").GetInt64(), Is.GreaterThan(100), "bytes went out 7 at a time");
        Decoded.All(table, messages); // every message whole
        StreamFormatContinuity(table, messages);
    }

    [Test]
    public async Task A_client_that_falls_a_whole_log_behind_is_closed_as_a_slow_consumer()
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.Rate = 1000; o.BufferEntries = 2048; o.BufferMegabytes = 1; });
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth/ethusdt@depth/solusdt@depth&tag=l"));
        client.WaitForCount(10);
        await InjectAsync(venue, """{"kind":"slow","tag":"l","duration_ms":2000,"chunk_bytes":64,"interval_ms":5}""");
        client.WaitForEnd(TimeSpan.FromSeconds(20));
        Assert.That(client.Connection.CloseCodeReceived, Is.EqualTo(1008));
        JsonElement stats = await venue.Control.StatsAsync();
        Assert.That(stats.GetProperty("generator").GetProperty("slow_consumer_drops").GetInt64(), Is.EqualTo(1));
        Assert.That((await ConnectionAsync(venue, "l")).GetProperty("close_reason").GetString(), Does.StartWith("slow consumer"));
    }

    [Test]
    public async Task A_client_that_stops_reading_is_aborted_after_the_write_timeout()
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.Rate = 20_000; o.WriteTimeout = TimeSpan.FromSeconds(1); });
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        socket.Connect(System.Net.IPAddress.Loopback, venue.Port);
        string key = Convert.ToBase64String(new byte[16]);
        socket.Send(Encoding.ASCII.GetBytes(
            "GET /stream?streams=btcusdt@depth/ethusdt@depth/solusdt@depth/btcusdt@trade&tag=z HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            $"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        // ...and never reads again.
        await Await.UntilAsync(async () => (await venue.Control.StatsAsync()).GetProperty("generator").GetProperty("slow_consumer_drops").GetInt64() == 1,
            "the venue to give up on the connection", TimeSpan.FromSeconds(30), async () => (await venue.Control.StatsAsync()).ToString());
        Assert.That((await ConnectionAsync(venue, "z")).GetProperty("close_reason").GetString(), Is.EqualTo("slow consumer: a write was blocked for 1 s"));
    }

    [Test]
    public async Task Startup_fault_flag_applies_to_each_new_connection()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Faults.Add(Appliance.Venue.Faults.FaultSpec.ParseFlag("kind=close,code=4001,after_ms=200")));
        for (int round = 0; round < 2; round++)
        {
            using var client = StreamClient.Connect(venue.WebSocketUri("/ws/btcusdt@depth"));
            client.WaitForEnd();
            Assert.That(client.Connection.CloseCodeReceived, Is.EqualTo(4001));
        }
        JsonElement faults = (await venue.Control.StatsAsync()).GetProperty("faults");
        Assert.That(faults.GetArrayLength(), Is.EqualTo(2));
        Assert.That(faults.EnumerateArray().Select(f => f.GetProperty("connection").GetInt32()).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Fault_without_a_matching_connection_is_refused()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.StartPaused = true);
        var e = Assert.ThrowsAsync<HttpRequestException>(() => venue.Control.FaultAsync("""{"kind":"drop","tag":"nobody"}"""))!;
        Assert.That(e.Message, Does.Contain("404").And.Contain("nobody"));
        e = Assert.ThrowsAsync<HttpRequestException>(() => venue.Control.FaultAsync("""{"kind":"explode"}"""))!;
        Assert.That(e.Message, Does.Contain("400").And.Contain("unknown fault kind 'explode'"));
    }

    private static void StreamFormatContinuity(InstrumentTable table, byte[][] messages) =>
        Assert.That(DepthIds.Missing(DepthIds.Of(table, messages)), Is.Empty, "no id missing");
}
