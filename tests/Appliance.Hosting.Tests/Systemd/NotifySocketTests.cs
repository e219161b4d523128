using System.Net.Sockets;
using System.Text;
using Appliance.Hosting.Systemd;
using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Systemd;

public class NotifySocketTests
{
    private static (Socket Listener, string Address) Listen(string address)
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        s.Bind(new UnixDomainSocketEndPoint(address.StartsWith('@') ? "\0" + address[1..] : address));
        s.ReceiveTimeout = 5000;
        return (s, address);
    }

    private static string Receive(Socket s)
    {
        var buffer = new byte[4096];
        int n = s.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Test]
    public void Messages_reach_an_abstract_socket_named_with_an_at_sign()
    {
        var (listener, address) = Listen($"@appliance-unit-{Guid.NewGuid():N}");
        using (listener)
        using (var notifier = new SystemdNotifier(NotifySocket.Create(address)))
        {
            Assert.That(notifier.Ready("running: ok"), Is.True);
            Assert.That(Receive(listener), Is.EqualTo("READY=1\nSTATUS=running: ok"));
            Assert.That(notifier.Watchdog(), Is.True);
            Assert.That(Receive(listener), Is.EqualTo("WATCHDOG=1"));
            Assert.That(notifier.ExtendTimeout(TimeSpan.FromSeconds(20)), Is.True);
            Assert.That(Receive(listener), Is.EqualTo("EXTEND_TIMEOUT_USEC=20000000"));
            Assert.That(notifier.Stopping("stopping: SIGTERM"), Is.True);
            Assert.That(Receive(listener), Is.EqualTo("STOPPING=1\nSTATUS=stopping: SIGTERM"));
            Assert.That(notifier.WatchdogPings, Is.EqualTo(1));
            Assert.That(notifier.IsReady && notifier.IsStopping, Is.True);
        }
    }

    [Test]
    public void Messages_reach_a_socket_file_and_a_status_stays_on_one_line()
    {
        using var dir = new TempDir();
        var (listener, address) = Listen(Path.Combine(dir.Path, "notify"));
        using (listener)
        using (var notifier = new SystemdNotifier(NotifySocket.Create(address)))
        {
            notifier.Status("two\nlines\u0001");
            Assert.That(Receive(listener), Is.EqualTo("STATUS=two lines "));
        }
    }

    [Test]
    public void Without_a_notify_socket_every_message_is_a_no_op()
    {
        Assert.That(NotifySocket.Create(null), Is.Null);
        Assert.That(NotifySocket.Create("vsock:2:1234"), Is.Null);
        Assert.That(SystemdNotifier.None.Ready("x"), Is.False);
        Assert.That(SystemdNotifier.None.Enabled, Is.False);
    }

    [Test]
    public void A_vanished_socket_is_counted_not_thrown()
    {
        using var dir = new TempDir();
        using var notifier = new SystemdNotifier(NotifySocket.Create(Path.Combine(dir.Path, "gone")));
        Assert.That(notifier.Watchdog(), Is.False);
        Assert.That(notifier.Failed, Is.EqualTo(1));
        Assert.That(notifier.LastError, Is.Not.Null);
    }
}
