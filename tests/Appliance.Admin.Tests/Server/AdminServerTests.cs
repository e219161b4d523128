using System.Text.Json;
using Appliance.Admin.Client;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Admin.Tests.TestSupport;

namespace Appliance.Admin.Tests.Server;

public class AdminServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Help_lists_every_registered_verb_with_usage_and_access()
    {
        using var server = new TestServer();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var answer = client.Send("help", Timeout);
        Assert.That(answer.Ok, Is.True, answer.Line);
        var verbs = answer.Root.GetProperty("verbs").EnumerateArray().ToList();
        Assert.That(verbs.Select(v => v.GetProperty("verb").GetString()),
            Is.EqualTo(new[] { "help", "version", "echo", "poke", "slow", "boom", "fail", "leak" }), "built-ins first, then registration order");
        var poke = verbs.Single(v => v.GetProperty("verb").GetString() == "poke");
        Assert.That(poke.GetProperty("mutates").GetBoolean(), Is.True);
        Assert.That(poke.GetProperty("usage").GetString(), Is.EqualTo("poke [--hard]"));
        Assert.That(poke.GetProperty("help").GetString(), Does.Contain("poke"));
    }

    [Test]
    public void Help_with_a_verb_describes_that_verb_only()
    {
        using var server = new TestServer(register: r => r.Register(StandardVerbs.LogLevel, _ => { }));
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var one = client.Send("help echo", Timeout);
        Assert.That(one.Root.GetProperty("verbs").GetArrayLength(), Is.EqualTo(1));
        using var multi = client.Send("help log level", Timeout);
        Assert.That(multi.Root.GetProperty("verbs")[0].GetProperty("usage").GetString(), Is.EqualTo("log level CATEGORY LEVEL [--for DURATION]"));
        using var group = client.Send("help log", Timeout);
        Assert.That(group.Root.GetProperty("verbs")[0].GetProperty("verb").GetString(), Is.EqualTo("log level"));
        using var unknown = client.Send("help nosuch", Timeout);
        Assert.That(unknown.ErrorCode, Is.EqualTo(AdminErrorCode.UnknownVerb));
    }

    [Test]
    public void Version_reports_product_version_protocol_pid_and_uptime()
    {
        using var server = new TestServer(o => o with { Product = "appliance-test", Version = "9.8.7" });
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var answer = client.Send("version", Timeout);
        var root = answer.Root;
        Assert.That(root.GetProperty("product").GetString(), Is.EqualTo("appliance-test"));
        Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("9.8.7"));
        Assert.That(root.GetProperty("protocol").GetInt32(), Is.EqualTo(AdminProtocol.Version));
        Assert.That(root.GetProperty("pid").GetInt32(), Is.EqualTo(Environment.ProcessId));
        Assert.That(root.GetProperty("uptime_seconds").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(DateTime.Parse(root.GetProperty("started_utc").GetString()!).ToUniversalTime(),
            Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public void One_connection_carries_several_requests_answered_in_order()
    {
        using var server = new TestServer();
        using var raw = new RawClient(server.SocketPath);
        raw.Send("echo a\necho \"b c\"\r\n\necho d\n");
        Assert.That(Words(raw.ReadLine()), Is.EqualTo(new[] { "a" }));
        Assert.That(Words(raw.ReadLine()), Is.EqualTo(new[] { "b c" }), "quotes group words; a CR before LF is ignored");
        Assert.That(Words(raw.ReadLine()), Is.EqualTo(new[] { "d" }), "a blank line is not a request and gets no answer");
    }

    [Test]
    public void Every_answer_is_one_line_of_json_even_with_newlines_in_values()
    {
        using var server = new TestServer(register: r => r.Register("multi", "", false, "Multi-line text.", ctx => ctx.Json.WriteString("text", "a\nb\n")));
        using var raw = new RawClient(server.SocketPath);
        raw.Send("multi\n");
        var answer = Json.Parse(raw.ReadLine());
        Assert.That(answer.GetProperty("text").GetString(), Is.EqualTo("a\nb\n"));
    }

    [Test]
    public void A_last_line_without_lf_is_answered_when_the_client_stops_sending()
    {
        using var server = new TestServer();
        using var raw = new RawClient(server.SocketPath);
        raw.Send("echo last");
        raw.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.That(Words(raw.ReadLine()), Is.EqualTo(new[] { "last" }));
        Assert.That(raw.WaitClosed(Timeout), Is.True);
    }

    [Test]
    public void Unknown_verb_and_bad_arguments_get_error_answers_and_the_connection_stays_usable()
    {
        using var server = new TestServer();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using (var a = client.Send("nosuch thing", Timeout))
        {
            Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.UnknownVerb));
            Assert.That(a.ErrorMessage, Does.Contain("nosuch").And.Contain("help"));
        }
        using (var a = client.Send("fail", Timeout))
        {
            Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.Usage));
            Assert.That(a.ErrorMessage, Does.Contain("missing CODE"));
            Assert.That(a.Usage, Is.EqualTo("fail CODE"));
        }
        using (var a = client.Send("poke --soft", Timeout))
        {
            Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.Usage));
            Assert.That(a.ErrorMessage, Does.Contain("unknown option --soft"));
        }
        using (var a = client.Send("echo ok", Timeout)) Assert.That(a.Ok, Is.True);
    }

    [Test]
    public void A_handler_error_is_answered_with_its_code()
    {
        using var server = new TestServer();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send("fail not_found", Timeout);
        Assert.That(a.ErrorCode, Is.EqualTo("not_found"));
        Assert.That(a.ErrorMessage, Is.EqualTo("asked to fail"));
    }

    [Test]
    public void A_throwing_handler_is_an_internal_error_logged_and_counted_and_the_server_carries_on()
    {
        using var server = new TestServer();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using (var a = client.Send("boom", Timeout))
        {
            Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.Internal));
            Assert.That(a.ErrorMessage, Does.Contain("the test verb exploded"));
        }
        using (var a = client.Send("leak", Timeout))
            Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.Internal), "a handler that leaves JSON open must not send broken JSON");
        using (var a = client.Send("echo still", Timeout)) Assert.That(a.Ok, Is.True);
        Assert.That(server.Server.Counters.InternalErrors, Is.EqualTo(2));
        Assert.That(server.WaitForLog("the test verb exploded"), Is.True);
    }

    [Test]
    public void A_slow_handler_blocks_only_its_own_connection()
    {
        using var server = new TestServer();
        using var slow = new RawClient(server.SocketPath);
        slow.Send("slow\n");
        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref server.SlowEntered) == 1, Timeout), Is.True);
        using (var other = AdminClient.Connect(server.SocketPath, Timeout))
        using (var a = other.Send("echo meanwhile", Timeout))
            Assert.That(a.Ok, Is.True);
        server.ReleaseSlow();
        Assert.That(Json.Parse(slow.ReadLine()).GetProperty("released").GetBoolean(), Is.True);
    }

    [Test]
    public void Verbs_registered_after_start_are_answered()
    {
        using var server = new TestServer();
        server.Commands.Register("late", "", false, "Registered after start.", ctx => ctx.Json.WriteBoolean("late", true));
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send("late", Timeout);
        Assert.That(a.Root.GetProperty("late").GetBoolean(), Is.True);
    }

    [Test]
    public void Stop_closes_idle_clients_and_removes_the_socket_file()
    {
        var server = new TestServer();
        using var raw = new RawClient(server.SocketPath);
        raw.Send("echo x\n");
        Assert.That(raw.ReadLine(), Is.Not.Null);
        long started = Environment.TickCount64;
        server.Server.Stop(TimeSpan.FromSeconds(5));
        Assert.That(Environment.TickCount64 - started, Is.LessThan(3000), "stop must not wait for the idle timeout");
        AssertToldShuttingDownAndClosed(raw);
        Assert.That(File.Exists(server.SocketPath), Is.False);
        server.Dispose();
    }

    [Test]
    public void A_half_typed_request_does_not_run_when_the_server_stops()
    {
        var server = new TestServer();
        using var raw = new RawClient(server.SocketPath);
        raw.Send("echo x\n");
        Assert.That(raw.ReadLine(), Is.Not.Null, "the connection is being served");
        raw.Send("poke");
        Assert.That(SpinWait.SpinUntil(() => server.Server.Counters.Requests == 1 && raw.Socket.Available == 0, Timeout), Is.True);
        server.Server.Stop(TimeSpan.FromSeconds(5));
        AssertToldShuttingDownAndClosed(raw);
        Assert.That(server.Pokes, Is.Zero);
        server.Dispose();
    }

    private static void AssertToldShuttingDownAndClosed(RawClient raw)
    {
        string? line = raw.ReadLine(Timeout);
        Assert.That(line, Is.Not.Null, "a client connected at stop is told why it is closed");
        Assert.That(Json.Parse(line).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(AdminErrorCode.ShuttingDown), line);
        Assert.That(raw.WaitClosed(Timeout), Is.True, "nothing after shutting_down");
    }

    private static string[] Words(string? line) =>
        Json.Parse(line).GetProperty("words").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
