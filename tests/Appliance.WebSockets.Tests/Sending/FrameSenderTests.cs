using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Support;

namespace Appliance.WebSockets.Tests.Sending;

/// <summary>What our client puts on the wire, read back raw by a loopback server.</summary>
public class FrameSenderTests
{
    private static async Task<(WebSocketConnection Client, RawServer.Peer Server)> OpenAsync(RawServer server)
    {
        Task<WebSocketConnection> connect = WebSocketClient.ConnectAsync(server.Uri(), Connection.PythonPeerTests.Options());
        RawServer.Peer peer = await server.AcceptAsync();
        await peer.WriteAsync(peer.Accept101());
        return (await connect, peer);
    }

    [Test]
    public async Task Frames_are_masked_with_fresh_keys_and_unmask_to_the_payload()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server);
        using (client)
        using (peer)
        {
            var random = new Random(4);
            var keys = new HashSet<uint>();
            foreach (int size in new[] { 0, 1, 125, 126, 65535, 65536, 70001, 200_003 })
            {
                byte[] payload = new byte[size];
                random.NextBytes(payload);
                Assert.That(client.SendBinary(payload), Is.True);
                var frame = await peer.ReadClientFrameAsync();
                Assert.That((frame.Opcode, frame.Fin), Is.EqualTo((Opcode.Binary, true)));
                Assert.That(frame.Payload, Is.EqualTo(payload), $"size {size}");
                keys.Add(frame.MaskKey);
            }
            Assert.That(keys, Has.Count.GreaterThanOrEqualTo(7), "a new mask key per frame");
            Assert.That(client.SendText("héllo"), Is.True);
            var text = await peer.ReadClientFrameAsync();
            Assert.That((text.Opcode, System.Text.Encoding.UTF8.GetString(text.Payload)), Is.EqualTo((Opcode.Text, "héllo")));
            Assert.That(client.Counters.MessagesSent, Is.EqualTo(9));
        }
    }

    [Test]
    public async Task Control_frames_carry_their_payloads_and_enforce_the_125_byte_limit()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server);
        using (client)
        using (peer)
        {
            Assert.That(client.SendPing("are you there"u8), Is.True);
            Assert.That(client.SendPong("heartbeat"u8), Is.True);
            Assert.That(client.SendTimedPing(), Is.True);
            Assert.That(await peer.ReadClientFrameAsync() is { Opcode: Opcode.Ping } p && p.Payload.SequenceEqual("are you there"u8.ToArray()));
            Assert.That(await peer.ReadClientFrameAsync() is { Opcode: Opcode.Pong } q && q.Payload.SequenceEqual("heartbeat"u8.ToArray()));
            Assert.That((await peer.ReadClientFrameAsync()).Payload, Has.Length.EqualTo(8));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.SendPing(new byte[126]));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Close(CloseCode.NoStatusReceived));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Close(1000, new string('x', 124)));
            Assert.That((client.Counters.PingsSent, client.Counters.PongsSent), Is.EqualTo((2L, 1L)));
        }
    }

    [Test]
    public async Task Concurrent_senders_never_interleave_frames()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server);
        using (client)
        using (peer)
        {
            const int PerThread = 500;
            byte[] a = Enumerable.Repeat((byte)'a', 40_000).ToArray(), b = Enumerable.Repeat((byte)'b', 333).ToArray();
            var reader = Task.Run(async () =>
            {
                var counts = new Dictionary<int, int>();
                for (int i = 0; i < 2 * PerThread; i++)
                {
                    var frame = await peer.ReadClientFrameAsync();
                    Assert.That(frame.Payload.All(x => x == frame.Payload[0]), "a frame's payload is never mixed with another's");
                    counts[frame.Payload.Length] = counts.GetValueOrDefault(frame.Payload.Length) + 1;
                }
                return counts;
            });
            var t1 = Task.Run(() => { for (int i = 0; i < PerThread; i++) client.SendBinary(a); });
            var t2 = Task.Run(() => { for (int i = 0; i < PerThread; i++) client.SendBinary(b); });
            await Task.WhenAll(t1, t2);
            var counts = await reader.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(counts, Is.EqualTo(new Dictionary<int, int> { [40_000] = PerThread, [333] = PerThread }));
        }
    }

    [Test]
    public async Task Sending_allocates_nothing_per_frame_in_steady_state()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server);
        using (client)
        using (peer)
        {
            var drain = Task.Run(async () =>
            {
                try
                {
                    while (true) await peer.ReadClientFrameAsync();
                }
                catch (Exception)
                {
                    // Ends with the connection.
                }
            });
            byte[] order = System.Text.Encoding.UTF8.GetBytes("{\"method\":\"order.place\",\"params\":{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"price\":\"42000.10\"}}");
            string subscribe = "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}";
            for (int i = 0; i < 2000; i++) client.SendText(order);
            client.SendText(subscribe);
            client.SendTimedPing();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5000; i++)
            {
                client.SendText(order);
                client.SendText(subscribe);
                client.SendBinary(order);
                if (i % 100 == 0) client.SendTimedPing();
            }
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            client.Abort();
            peer.Socket.Close();
            await drain.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
