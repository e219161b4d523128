using System.Text.Json;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Time;
using Appliance.Venue.Replay;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Replay;

/// <summary>--replay serves a raw journal's payloads verbatim and in order, paced by their receive times or flat out.</summary>
public sealed class JournalReplayTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("venue-replay-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private void Write(IEnumerable<(long Ticks, ushort Connection, byte[] Payload)> records)
    {
        using var writer = new JournalWriter(new JournalWriterOptions { Directory = _dir, Fsync = FsyncPolicy.Never });
        foreach (var r in records) Assert.That(writer.TryAppend(r.Ticks, r.Connection, r.Payload), Is.True);
    }

    [Test]
    public async Task A_recorded_session_is_served_byte_for_byte_without_the_recorded_answers()
    {
        // Record: a real client of a random venue, every payload journaled with its receive time.
        byte[][] recorded;
        await using (VenueHost live = await Venues.StartAsync(o => o.Rate = 3000))
        {
            using var client = StreamClient.Connect(live.WebSocketUri("/ws"));
            client.Send("""{"method":"SUBSCRIBE","params":["btcusdt@depth","ethusdt@trade"],"id":1}""");
            recorded = client.WaitForCount(800);
        }
        Assert.That(JournalReplay.IsRequestAnswer(recorded[0]), Is.True, "the journal starts with the SUBSCRIBE answer");
        long t = MonoClock.Now();
        var records = recorded.Select((p, i) => (t + i, (ushort)1, p)).ToList();
        records.Insert(10, (t + 10, (ushort)2, "{\"from\":\"another connection\"}"u8.ToArray()));
        Write(records);

        await using VenueHost venue = await Venues.StartAsync(o =>
        {
            o.Replay = new ReplayOptions { Path = _dir, Pace = ReplayPace.Max, Connection = 1 };
            o.StartPaused = true;
        });
        using var replayClient = StreamClient.Connect(venue.WebSocketUri("/ws?tag=r"));
        await Await.UntilAsync(async () => (await venue.Control.ConnectionsAsync()).GetArrayLength() == 1, "the connection to register");
        await venue.Control.ResumeAsync();
        byte[][] served = replayClient.WaitForCount(recorded.Length - 1);

        Assert.That(served.Length, Is.EqualTo(recorded.Length - 1));
        for (int i = 0; i < served.Length; i++) Assert.That(served[i], Is.EqualTo(recorded[i + 1]), $"message {i}");
        JsonElement replay = (await venue.Control.StatsAsync()).GetProperty("replay");
        Assert.That(replay.GetProperty("records_read").GetInt64(), Is.EqualTo(records.Count));
        Assert.That(replay.GetProperty("records_served").GetInt64(), Is.EqualTo(recorded.Length - 1));
        Assert.That(replay.GetProperty("skipped_answers").GetInt64(), Is.EqualTo(1));
        Assert.That(replay.GetProperty("skipped_other_connections").GetInt64(), Is.EqualTo(1));
        Assert.That(replay.GetProperty("done").GetBoolean(), Is.True);

        // The venue still answers requests itself.
        replayClient.Send("""{"method":"LIST_SUBSCRIPTIONS","id":9}""");
        Assert.That(replayClient.WaitForCount(served.Length + 1)[^1], Is.EqualTo("{\"result\":[],\"id\":9}"u8.ToArray()));
    }

    [TestCase("realtime", 1.0)]
    [TestCase("x4", 4.0)]
    public async Task Paced_replay_keeps_the_recorded_spacing(string pace, double speed)
    {
        long tick = MonoClock.Frequency / 20; // records 50 ms apart
        long t = MonoClock.Now();
        Write(Enumerable.Range(0, 9).Select(i => (t + i * tick, (ushort)1, System.Text.Encoding.ASCII.GetBytes($"{{\"n\":{i}}}"))));

        await using VenueHost venue = await Venues.StartAsync(o =>
        {
            o.Replay = new ReplayOptions { Path = Path.Combine(_dir, "md-000000.journal"), Pace = ReplayPace.Parse(pace) };
            o.StartPaused = true;
        });
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws"));
        await Await.UntilAsync(async () => (await venue.Control.ConnectionsAsync()).GetArrayLength() == 1, "the connection to register");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await venue.Control.ResumeAsync();
        client.WaitForCount(9);
        // The clock started before the resume, so the ninth arrival cannot come sooner than 8 paced gaps after it,
        // however late this (loaded) client notices any one message. (Timing the first arrival instead would
        // shorten the span by however late the first one was seen.)
        TimeSpan span = clock.Elapsed;
        Assert.That(span.TotalMilliseconds, Is.GreaterThanOrEqualTo(400 / speed - 1), "8 gaps of 50 ms, scaled");
        Assert.That(span.TotalMilliseconds, Is.LessThan(400 / speed + 1500), "not stuck");
    }

    [Test]
    public void A_missing_journal_is_a_clear_error()
    {
        var e = Assert.ThrowsAsync<FileNotFoundException>(() => Venues.StartAsync(o => o.Replay = new ReplayOptions { Path = Path.Combine(_dir, "nothing") }))!;
        Assert.That(e.Message, Does.Contain("no journal at"));
        e = Assert.ThrowsAsync<FileNotFoundException>(() => Venues.StartAsync(o => o.Replay = new ReplayOptions { Path = _dir }))!;
        Assert.That(e.Message, Does.Contain("no md-NNNNNN.journal segments"));
    }
}
