using System.Net.Sockets;
using Appliance.Admin.Client;
using Appliance.Admin.Commands;
using Appliance.Admin.Server;
using Appliance.Admin.Tests.TestSupport;
using Appliance.Admin.Unix;

namespace Appliance.Admin.Tests.Server;

public class SocketFileTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TempDirectory.Create("sockfile-");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private AdminServer NewServer(string path, Func<AdminServerOptions, AdminServerOptions>? configure = null)
    {
        var options = new AdminServerOptions { SocketPath = path, AdminGroup = null };
        return new AdminServer(configure is null ? options : configure(options), new CommandRegistry());
    }

    [Test]
    public void A_stale_socket_left_by_a_dead_process_is_replaced()
    {
        string path = Path.Combine(_dir, "admin.sock");
        // A process that bound the path and exited without unlinking it: the file stays, nobody listens.
        var r = ChildProcess.Python("import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)", path);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(FileStatus.TryGet(path, out var stale, out _) && stale.IsSocket, Is.True);

        using var server = NewServer(path);
        server.Start();
        using var client = AdminClient.Connect(path, Timeout);
        using var a = client.Send("version", Timeout);
        Assert.That(a.Ok, Is.True);
    }

    [Test]
    public void A_live_socket_of_another_process_is_never_unlinked()
    {
        string path = Path.Combine(_dir, "admin.sock");
        using var other = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        other.Bind(new UnixDomainSocketEndPoint(path));
        other.Listen(1);
        FileStatus.TryGet(path, out var before, out _);

        using var server = NewServer(path);
        var e = Assert.Throws<AdminServerException>(server.Start)!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("another process is listening"));
        Assert.That(FileStatus.TryGet(path, out var after, out _) && after.SameFileAs(before), Is.True, "the live socket file is untouched");
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        probe.Connect(new UnixDomainSocketEndPoint(path));
    }

    [Test]
    public void A_second_server_on_the_same_path_is_refused_by_the_lock_and_the_first_keeps_serving()
    {
        string path = Path.Combine(_dir, "admin.sock");
        using var first = NewServer(path);
        first.Start();
        using var second = NewServer(path);
        var e = Assert.Throws<AdminServerException>(second.Start)!;
        Assert.That(e.Message, Does.Contain("admin.sock.lock"));
        using var client = AdminClient.Connect(path, Timeout);
        using var a = client.Send("version", Timeout);
        Assert.That(a.Ok, Is.True);
    }

    [Test]
    public void After_a_clean_stop_the_path_can_be_served_again()
    {
        string path = Path.Combine(_dir, "admin.sock");
        using (var first = NewServer(path)) first.Start();
        Assert.That(File.Exists(path), Is.False, "a clean stop removes the socket");
        using var second = NewServer(path);
        second.Start();
        using var client = AdminClient.Connect(path, Timeout);
        using var a = client.Send("version", Timeout);
        Assert.That(a.Ok, Is.True);
    }

    [Test]
    public void A_file_that_is_not_a_socket_is_left_alone()
    {
        string path = Path.Combine(_dir, "admin.sock");
        File.WriteAllText(path, "precious");
        using var server = NewServer(path);
        var e = Assert.Throws<AdminServerException>(server.Start)!;
        Assert.That(e.Message, Does.Contain("not a socket"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("precious"));
    }

    [Test]
    public void A_missing_directory_is_named_in_the_error()
    {
        string path = Path.Combine(_dir, "nope", "admin.sock");
        using var server = NewServer(path);
        var e = Assert.Throws<AdminServerException>(server.Start)!;
        Assert.That(e.Message, Does.Contain(Path.Combine(_dir, "nope")).And.Contain("does not exist"));
    }

    [Test]
    public void The_socket_gets_the_configured_mode_and_group()
    {
        string path = Path.Combine(_dir, "admin.sock");
        Assert.That(UnixAccounts.TryResolveGroup("staff", out uint staff), Is.True);
        using var server = NewServer(path, o => o with { SocketMode = (UnixFileMode)0b110_100_000, SocketGroup = "staff" });
        server.Start();
        Assert.That(FileStatus.TryGet(path, out var status, out _), Is.True);
        Assert.That(status.IsSocket, Is.True);
        Assert.That(status.Mode, Is.EqualTo(0b110_100_000), "0640");
        Assert.That(status.Gid, Is.EqualTo(staff));
    }

    [Test]
    public void Invalid_options_are_all_reported_at_once()
    {
        var options = new AdminServerOptions
        {
            SocketPath = "/tmp/" + new string('x', 120),
            SocketMode = (UnixFileMode)0b000_110_110,
            SocketGroup = "no-such-group-here",
            MaxClients = 0,
            RequestsPerSecond = double.NaN,
            IdleTimeout = TimeSpan.Zero,
        };
        var errors = options.Validate();
        Assert.That(errors, Has.Some.StartsWith("SocketPath:").And.Some.StartsWith("SocketMode:").And.Some.StartsWith("SocketGroup:")
            .And.Some.StartsWith("MaxClients:").And.Some.StartsWith("RequestsPerSecond:").And.Some.StartsWith("IdleTimeout:"));
        var e = Assert.Throws<ArgumentException>(() => new AdminServer(options, new CommandRegistry()))!;
        Assert.That(e.Message, Does.Contain("SocketPath").And.Contain("MaxClients"));
    }

    [TestCase("0660", 0b110_110_000)]
    [TestCase("660", 0b110_110_000)]
    [TestCase("0600", 0b110_000_000)]
    public void Octal_modes_parse(string text, int expected)
    {
        Assert.That(AdminServerOptions.TryParseMode(text, out var mode), Is.True);
        Assert.That((int)mode, Is.EqualTo(expected));
        Assert.That(AdminServerOptions.FormatMode(mode), Is.EqualTo("0" + Convert.ToString(expected, 8)));
    }

    [TestCase("0698")]
    [TestCase("rw-")]
    [TestCase("10000")]
    [TestCase("")]
    public void Bad_modes_do_not_parse(string text) => Assert.That(AdminServerOptions.TryParseMode(text, out _), Is.False);
}
