using System.Text;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Deflate;
using Appliance.WebSockets.Tests.Support;
using static Appliance.WebSockets.Tests.Support.ServerFrames;

namespace Appliance.WebSockets.Tests.Connection;

/// <summary>
/// The receive thread's allocations per message in steady state, over a real loopback socket with the
/// synchronous receive loop, pings answered along the way: 0 without deflate, and the measured figure with it.
/// </summary>
[NonParallelizable]
public class ReceiveAllocationTests
{
    private const int WarmUp = 30_000;
    private const int Measured = 100_000;

    private static byte[] Batch(bool deflate)
    {
        using var compressor = new MessageInflaterTests.Compressor(noContextTakeover: true);
        var frames = new List<byte[]>();
        for (int i = 0; i < 1000; i++)
        {
            byte[] json = Encoding.UTF8.GetBytes(
                $"{{\"e\":\"trade\",\"E\":{1700000000000 + i},\"s\":\"BTCUSDT\",\"t\":{3000000 + i},\"p\":\"4{i % 10}123.{i % 100:00}\",\"q\":\"0.0{i % 9 + 1}\",\"T\":{1700000000000 + i},\"m\":{(i % 2 == 0 ? "true" : "false")},\"M\":true}}");
            frames.Add(deflate ? Frame(Opcode.Text, compressor.Compress(json), rsv1: true) : Frame(Opcode.Text, json));
            if (i % 250 == 0) frames.Add(Frame(Opcode.Ping, "hb"u8));
            if (i % 100 == 0) frames.Add(Concat(Text("{\"frag", fin: false), Frame(Opcode.Continuation, "ment\":1}"u8)));
        }
        return Concat(frames.ToArray());
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Receive_thread_allocates_nothing_per_message_after_warm_up(bool deflate)
    {
        byte[] batch = Batch(deflate);
        using var server = new RawServer();
        var options = PythonPeerTests.Options(deflate ? "on" : "off");
        Task<WebSocketConnection> connect = WebSocketClient.ConnectAsync(server.Uri(), options);
        using RawServer.Peer peer = await server.AcceptAsync();
        await peer.WriteAsync(peer.Accept101(deflate ? "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n" : ""));
        using WebSocketConnection client = await connect;
        Assert.That(client.Handshake.Deflate is not null, Is.EqualTo(deflate));

        var writer = new Thread(() =>
        {
            try
            {
                while (true) peer.Write(batch);
            }
            catch (IOException)
            {
                // The client went away: the test is over.
            }
        }) { IsBackground = true };
        writer.Start();
        var drainPongs = Task.Run(async () =>
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

        var handler = new Counter();
        while (handler.Messages < WarmUp) Assert.That(client.Receive(ref handler), Is.EqualTo(ReceiveStatus.Open), client.DescribeOutcome());
        long messages = handler.Messages;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (handler.Messages < messages + Measured) client.Receive(ref handler);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long delivered = handler.Messages - messages;

        TestContext.Out.WriteLine($"deflate={deflate}: {allocated} bytes over {delivered} messages ({(double)allocated / delivered:0.###} B/message), " +
                                  $"pings answered {client.Counters.PongsSent}");
        Assert.That(client.Counters.PongsSent, Is.GreaterThan(100), "pings were answered during the measurement");
        Assert.That(allocated, Is.Zero);
        client.Abort();
        peer.Socket.Close();
        writer.Join(TimeSpan.FromSeconds(5));
        await drainPongs.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private struct Counter : IWebSocketMessageHandler
    {
        public long Messages;
        public long Bytes;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            Messages++;
            Bytes += payload.Length;
        }
    }
}
