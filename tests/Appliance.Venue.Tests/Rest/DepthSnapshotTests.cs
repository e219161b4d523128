using System.Net;
using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Rest;

/// <summary>
/// The REST snapshot is consistent with the diffs: a client following Binance's documented procedure
/// (buffer diffs, fetch the snapshot, drop u ≤ lastUpdateId, apply the rest) ends with exactly the
/// simulator's book, at full depth.
/// </summary>
public sealed class DepthSnapshotTests
{
    [TestCase(DepthPace.Realtime, "btcusdt@depth")]
    [TestCase(DepthPace.Interval, "btcusdt@depth@100ms")]
    public async Task Snapshot_plus_buffered_diffs_equals_the_simulators_book(DepthPace pace, string stream)
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.Rate = 4000; o.DepthPace = pace; });
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=" + stream));
        client.WaitForCount(2);

        JsonElement snapshotJson = await venue.Control.DepthAsync("BTCUSDT", 5000);
        client.WaitForCount(client.Count + 20);
        JsonElement paused = await venue.Control.PauseAsync();
        long lastId = paused.GetProperty("symbols").GetProperty("BTCUSDT").GetProperty("last_update_id").GetInt64();

        byte[][] messages = client.WaitFor(m => m.Length > 0 && Decoded.All(table, [m[^1]])[0].LastId == lastId, $"the diff ending at {lastId}");
        var book = ReferenceBook.FromJson(snapshotJson, 2, 5);
        long snapshotId = book.LastUpdateId;
        bool first = true;
        int applied = 0;
        foreach (MarketEvent e in Decoded.All(table, messages))
        {
            if (e.LastId <= snapshotId) continue; // older than the snapshot
            if (e.Part == 0)
            {
                if (first) Assert.That(e.FirstId, Is.LessThanOrEqualTo(snapshotId + 1), "the first diff after the snapshot covers lastUpdateId+1");
                else Assert.That(e.FirstId, Is.EqualTo(book.LastUpdateId + 1), "U = previous u + 1");
                first = false;
                applied++;
            }
            book.Apply(e);
        }
        Assert.That(applied, Is.GreaterThan(0), "diffs applied after the snapshot");

        JsonElement truth = await venue.Control.BookAsync("BTCUSDT");
        var expected = ReferenceBook.FromJson(truth, 2, 5);
        Assert.That(expected.Bids.Count, Is.EqualTo(200), "the simulator keeps its configured depth");
        book.AssertEqual(expected, "rebuilt book vs /control/book");
    }

    [Test]
    public async Task Limit_selects_the_best_levels_and_errors_are_binance_shaped()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.StartPaused = true);
        JsonElement five = await venue.Control.DepthAsync("ETHUSDT", 5);
        JsonElement all = await venue.Control.BookAsync("ETHUSDT");
        Assert.That(five.GetProperty("bids").GetArrayLength(), Is.EqualTo(5));
        Assert.That(five.GetProperty("asks").GetArrayLength(), Is.EqualTo(5));
        for (int i = 0; i < 5; i++)
        {
            Assert.That(five.GetProperty("bids")[i].ToString(), Is.EqualTo(all.GetProperty("bids")[i].ToString()));
            Assert.That(five.GetProperty("asks")[i].ToString(), Is.EqualTo(all.GetProperty("asks")[i].ToString()));
        }
        Assert.That(five.GetProperty("lastUpdateId").GetInt64(), Is.EqualTo(all.GetProperty("lastUpdateId").GetInt64()));

        var error = Assert.ThrowsAsync<HttpRequestException>(() => venue.Control.DepthAsync("NOPE"))!;
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Message, Does.Contain("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));
        error = Assert.ThrowsAsync<HttpRequestException>(() => venue.Control.SendAsync(HttpMethod.Get, "api/v3/depth"))!;
        Assert.That(error.Message, Does.Contain("\"code\":-1102"));
        error = Assert.ThrowsAsync<HttpRequestException>(() => venue.Control.SendAsync(HttpMethod.Get, "api/v3/depth?symbol=BTCUSDT&limit=x"))!;
        Assert.That(error.Message, Does.Contain("{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.\"}"));
    }
}
