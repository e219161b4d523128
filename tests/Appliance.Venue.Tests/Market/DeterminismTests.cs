using System.Security.Cryptography;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Market;

/// <summary>A seed (with a fixed start time) fixes every byte the market sends; another seed gives another market.</summary>
public sealed class DeterminismTests
{
    private const long StartTime = 1_700_000_000_000;

    private static async Task<(string Digest, string Book, int Messages)> RunAsync(ulong seed)
    {
        await using VenueHost venue = await Venues.StartAsync(o =>
        {
            o.Seed = seed;
            o.StartTimeMs = StartTime;
            o.StartPaused = true;
            o.Rate = 10_000;
        });
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=" + string.Join('/',
            venue.Instruments.SelectMany(i => new[] { "trade", "aggTrade", "bookTicker", "depth", "depth5@100ms" }.Select(k => i.StreamSymbol + "@" + k)))));
        Await.Until(() => venue.Runtime.Connections.Open.Length == 1, "the connection to register");
        var state = await venue.Control.StepAsync(3000);
        long messages = state.GetProperty("messages").GetInt64();
        // Caught up: the sender has read the whole log and the client holds everything it sent.
        await Await.UntilAsync(async () =>
        {
            var c = (await venue.Control.ConnectionsAsync())[0];
            return c.GetProperty("cursor").GetInt64() == messages && c.GetProperty("messages_sent").GetInt64() == client.Count;
        }, "the client to hold everything the venue sent");
        byte[][] received = client.Snapshot();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] m in received) sha.AppendData(m);
        string book = (await venue.Control.BookAsync("SOLUSDT")).ToString();
        return (Convert.ToHexString(sha.GetHashAndReset()), book, received.Length);
    }

    [Test]
    public async Task Same_seed_and_start_time_send_identical_bytes()
    {
        var a = await RunAsync(7);
        var b = await RunAsync(7);
        var c = await RunAsync(8);
        Assert.That(a.Messages, Is.GreaterThan(3000));
        Assert.That(b.Messages, Is.EqualTo(a.Messages));
        Assert.That(b.Digest, Is.EqualTo(a.Digest), "same seed: same bytes");
        Assert.That(b.Book, Is.EqualTo(a.Book), "same seed: same book");
        Assert.That(c.Digest, Is.Not.EqualTo(a.Digest), "another seed: another market");
        Assert.That(c.Book, Is.Not.EqualTo(a.Book));
    }
}
