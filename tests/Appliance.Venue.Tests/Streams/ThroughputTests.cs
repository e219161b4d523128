using System.Diagnostics;
using Appliance.Venue.Tests.Support;
using Appliance.WebSockets.Connection;

namespace Appliance.Venue.Tests.Streams;

/// <summary>
/// How many messages a second the venue delivers to one fast client: the market unpaced (--rate 0) and held
/// back only by the reader (--slow-consumer block), our WebSocket client reading on its own thread.
/// Goal (issue 4): at least 200 000 messages/s on the 2-core build box.
/// </summary>
public sealed class ThroughputTests
{
    [Test]
    public async Task One_fast_client_receives_at_least_200k_messages_per_second()
    {
        await using VenueHost venue = await Venues.StartAsync(o =>
        {
            o.Rate = 0;
            o.SlowConsumer = Appliance.Venue.Streams.SlowConsumerPolicy.Block;
            o.BufferMegabytes = 64;
            o.BufferEntries = 1 << 18;
        });
        string streams = string.Join('/', venue.Instruments.SelectMany(i => new[] { "trade", "aggTrade", "bookTicker", "depth" }.Select(k => i.StreamSymbol + "@" + k)));
        using WebSocketConnection ws = WebSocketClient.Connect(venue.WebSocketUri("/stream?streams=" + streams),
            new WebSocketClientOptions { KeepAliveInterval = TimeSpan.Zero, ValidateUtf8 = false, ReceiveBufferSize = 4 << 20 });
        var counter = new Counter();
        var reader = new Thread(() =>
        {
            var handler = counter;
            ws.Run(ref handler);
        }) { IsBackground = true, Name = "throughput-reader" };
        reader.Start();

        // Warm up (JIT, buffers), then measure a fixed window.
        Await.Until(() => counter.Messages > 50_000, "warm-up messages", TimeSpan.FromSeconds(30));
        long m0 = counter.Messages, b0 = counter.Bytes, t0 = Stopwatch.GetTimestamp();
        Await.Until(() => Stopwatch.GetElapsedTime(t0) >= TimeSpan.FromSeconds(2), "the measuring window", TimeSpan.FromSeconds(5));
        long m1 = counter.Messages, b1 = counter.Bytes;
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        ws.Abort();
        reader.Join(TimeSpan.FromSeconds(5));

        double rate = (m1 - m0) / seconds;
        TestContext.Out.WriteLine($"venue → one client: {rate:N0} messages/s, {(b1 - b0) / seconds / 1e6:N1} MB/s payload, {(b1 - b0) / Math.Max(1, m1 - m0)} B/message");
        Assert.That(rate, Is.GreaterThanOrEqualTo(200_000));
    }

    private sealed class Counter : IWebSocketMessageHandler
    {
        private long _messages, _bytes;
        public long Messages => Volatile.Read(ref _messages);
        public long Bytes => Volatile.Read(ref _bytes);

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            Volatile.Write(ref _messages, _messages + 1);
            Volatile.Write(ref _bytes, _bytes + payload.Length);
        }
    }
}
