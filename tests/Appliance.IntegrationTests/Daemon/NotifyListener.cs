using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>
/// What systemd's notify socket would receive: a datagram socket the test binds (a path, or an abstract
/// name written '@name') and a thread that records every message with its arrival time.
/// </summary>
public sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly List<(TimeSpan At, string Text)> _messages = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile bool _stopped;

    public NotifyListener(string address)
    {
        Address = address;
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(address.StartsWith('@') ? "\0" + address[1..] : address));
        _thread = new Thread(Receive) { IsBackground = true, Name = "notify-listener" };
        _thread.Start();
    }

    /// <summary>The value to give NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public IReadOnlyList<(TimeSpan At, string Text)> Messages
    {
        get { lock (_messages) return _messages.ToArray(); }
    }

    /// <summary>Every message as one line, for assertion messages.</summary>
    public string Transcript => string.Join("\n", Messages.Select(m => $"{m.At.TotalSeconds,7:0.000} {m.Text.Replace('\n', '|')}"));

    /// <summary>Index of the first message (from <paramref name="from"/>) containing <paramref name="assignment"/> as a line.</summary>
    public int IndexOf(string assignment, int from = 0) => IndexOf(line => line == assignment, from);

    /// <summary>Index of the first message (from <paramref name="from"/>) with a line that matches.</summary>
    public int IndexOf(Func<string, bool> line, int from = 0)
    {
        var m = Messages;
        for (int i = from; i < m.Count; i++)
            if (m[i].Text.Split('\n').Any(line)) return i;
        return -1;
    }

    /// <summary>Waits until a message holds <paramref name="assignment"/>; returns its index.</summary>
    public int WaitFor(string assignment, TimeSpan timeout, int from = 0) => WaitFor(line => line == assignment, assignment, timeout, from);

    /// <summary>Waits until a message has a line that matches; returns its index.</summary>
    public int WaitFor(Func<string, bool> line, string what, TimeSpan timeout, int from = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            int i = IndexOf(line, from);
            if (i >= 0) return i;
            lock (_messages) Monitor.Wait(_messages, TimeSpan.FromMilliseconds(100));
        }
        Assert.Fail($"no {what} within {timeout} (from message {from}); received:\n{Transcript}");
        return -1;
    }

    private void Receive()
    {
        var buffer = new byte[64 * 1024];
        while (!_stopped)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            string text = Encoding.UTF8.GetString(buffer, 0, n);
            lock (_messages)
            {
                _messages.Add((_clock.Elapsed, text));
                Monitor.PulseAll(_messages);
            }
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose();
        _thread.Join(TimeSpan.FromSeconds(2));
        if (!Address.StartsWith('@')) File.Delete(Address);
    }
}
