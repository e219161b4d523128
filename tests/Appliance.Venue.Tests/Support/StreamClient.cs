using Appliance.WebSockets.Connection;

namespace Appliance.Venue.Tests.Support;

/// <summary>
/// Our own WebSocket client (the feed's) reading a venue stream on a background thread and keeping a copy of
/// every text message, so tests can wait for and then inspect what arrived.
/// </summary>
internal sealed class StreamClient : IDisposable
{
    private readonly List<byte[]> _messages = [];
    private readonly Thread _thread;
    private volatile bool _done;

    private StreamClient(WebSocketConnection connection)
    {
        Connection = connection;
        _thread = new Thread(Run) { IsBackground = true, Name = "test-stream-client" };
        _thread.Start();
    }

    public WebSocketConnection Connection { get; }

    public ReceiveStatus? Outcome { get; private set; }

    public bool Ended => _done;

    public static StreamClient Connect(Uri uri, WebSocketClientOptions? options = null) =>
        new(WebSocketClient.Connect(uri, options ?? new WebSocketClientOptions { KeepAliveInterval = TimeSpan.Zero }));

    public int Count
    {
        get { lock (_messages) return _messages.Count; }
    }

    public byte[][] Snapshot()
    {
        lock (_messages) return _messages.ToArray();
    }

    public byte[][] WaitForCount(int count, TimeSpan? timeout = null)
    {
        Await.Until(() => Count >= count || _done, $"{count} messages (have {Count}, connection {Connection.DescribeOutcome()})", timeout);
        if (Count < count) Assert.Fail($"connection ended after {Count} of {count} messages: {Connection.DescribeOutcome()}");
        return Snapshot();
    }

    public byte[][] WaitFor(Func<byte[][], bool> condition, string what, TimeSpan? timeout = null)
    {
        byte[][] seen = [];
        Await.Until(() => condition(seen = Snapshot()) || _done, what, timeout);
        seen = Snapshot();
        if (!condition(seen)) Assert.Fail($"connection ended before {what}: {Connection.DescribeOutcome()}");
        return seen;
    }

    public void WaitForEnd(TimeSpan? timeout = null) =>
        Await.Until(() => _done, $"the connection to end (now {Connection.State})", timeout);

    public void Send(string text) => Assert.That(Connection.SendText(text), Is.True, "send");

    private void Run()
    {
        var handler = new Collector(_messages);
        try
        {
            Outcome = Connection.Run(ref handler);
        }
        finally
        {
            _done = true;
        }
    }

    public void Dispose()
    {
        if (!_done) Connection.Close();
        if (!_thread.Join(TimeSpan.FromSeconds(6))) Connection.Abort();
        _thread.Join(TimeSpan.FromSeconds(2));
        Connection.Dispose();
    }

    private readonly struct Collector(List<byte[]> messages) : IWebSocketMessageHandler
    {
        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            byte[] copy = payload.ToArray();
            lock (messages) messages.Add(copy);
        }
    }
}
