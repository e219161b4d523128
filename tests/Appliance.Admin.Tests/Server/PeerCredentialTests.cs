using System.Net.Sockets;
using Appliance.Admin.Client;
using Appliance.Admin.Protocol;
using Appliance.Admin.Server;
using Appliance.Admin.Tests.TestSupport;
using Appliance.Admin.Unix;

namespace Appliance.Admin.Tests.Server;

/// <summary>Clients running as other users, in child processes: what SO_PEERCRED and the admin group allow them.</summary>
public class PeerCredentialTests
{
    private const string Nobody = "--reuid=nobody --regid=nogroup --clear-groups";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Another_user_may_run_read_only_verbs_and_is_refused_mutating_ones_with_a_logged_refusal()
    {
        using var server = new TestServer(register: r => r.Register(Appliance.Admin.Commands.StandardVerbs.Latency, ctx => ctx.Json.WriteBoolean("reset", ctx.Arguments.Has("--reset"))));
        var result = OtherUidClient.Run(server.SocketPath, Nobody, "echo hi", "poke", "latency", "latency --reset", "poke --hard");

        var echo = OtherUidClient.Answer(result.Lines[0]);
        Assert.That(echo.GetProperty("ok").GetBoolean(), Is.True, result.Lines[0]);
        Assert.That(echo.GetProperty("peer_uid").GetUInt32(), Is.EqualTo(65534u), "the handler sees the peer's real uid");

        var poke = OtherUidClient.Answer(result.Lines[1]);
        Assert.That(Json.ErrorCode(poke), Is.EqualTo(AdminErrorCode.Forbidden));
        Assert.That(poke.GetProperty("error").GetProperty("message").GetString(), Does.Contain("'staff'").And.Contain("uid 65534"));
        Assert.That(OtherUidClient.Answer(result.Lines[2]).GetProperty("ok").GetBoolean(), Is.True, "latency without --reset is read-only");
        Assert.That(Json.ErrorCode(OtherUidClient.Answer(result.Lines[3])), Is.EqualTo(AdminErrorCode.Forbidden), "latency --reset mutates");
        Assert.That(Json.ErrorCode(OtherUidClient.Answer(result.Lines[4])), Is.EqualTo(AdminErrorCode.Forbidden));

        Assert.That(server.Pokes, Is.Zero);
        Assert.That(server.Server.Counters.Forbidden, Is.EqualTo(3));
        Assert.That(server.WaitForLog($"admin: refused 'poke' from pid {result.Pid} uid 65534 gid 65534"), Is.True,
            string.Join("\n", server.LogSink.Lines));
    }

    [Test]
    public void A_member_of_the_admin_group_by_supplementary_group_may_mutate()
    {
        using var server = new TestServer();
        Assert.That(UnixAccounts.TryResolveGroup("staff", out uint staff), Is.True);
        var result = OtherUidClient.Run(server.SocketPath, $"--reuid=nobody --regid=nogroup --groups={staff}", "poke");
        Assert.That(OtherUidClient.Answer(result.Lines[0]).GetProperty("pokes").GetInt32(), Is.EqualTo(1), result.Lines[0]);
        Assert.That(server.WaitForLog($"admin: pid {result.Pid} uid 65534 gid 65534 (member of admin group 'staff' (gid {staff}) (supplementary groups)) runs: poke"), Is.True,
            string.Join("\n", server.LogSink.Lines));
    }

    [Test]
    public void A_peer_whose_effective_gid_is_the_admin_group_may_mutate()
    {
        using var server = new TestServer();
        var result = OtherUidClient.Run(server.SocketPath, "--reuid=nobody --regid=staff --clear-groups", "poke");
        Assert.That(OtherUidClient.Answer(result.Lines[0]).GetProperty("ok").GetBoolean(), Is.True, result.Lines[0]);
    }

    [Test]
    public void Root_may_mutate()
    {
        using var server = new TestServer(o => o with { AdminGroup = null });
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send("poke", Timeout);
        Assert.That(a.Root.GetProperty("pokes").GetInt32(), Is.EqualTo(1));
        Assert.That(server.WaitForLog("(root) runs: poke"), Is.True);
    }

    [Test]
    public void A_socket_mode_that_excludes_the_user_refuses_the_connection_itself()
    {
        using var server = new TestServer(o => o with { SocketMode = (UnixFileMode)0b110_000_000 });
        var result = OtherUidClient.Run(server.SocketPath, Nobody, "echo hi");
        Assert.That(result.Lines, Is.EqualTo(new[] { "EACCES" }));
    }

    [Test]
    public void Peer_credentials_are_the_connecting_process()
    {
        string dir = TempDirectory.Create("peercred-");
        try
        {
            string path = Path.Combine(dir, "s.sock");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            using var accepted = listener.Accept();
            var peer = PeerCredentials.Read(accepted);
            Assert.That(peer.Pid, Is.EqualTo(Environment.ProcessId));
            Assert.That(peer.Uid, Is.EqualTo(UnixAccounts.EffectiveUserId));
            Assert.That(peer.SupplementaryGroups, Is.Not.Null, "SO_PEERGROUPS is in every kernel since 4.13");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Without_peer_groups_the_group_database_decides()
    {
        // The "daemon" user's primary group is "daemon" in /etc/group; its process credentials here say nogroup.
        Assert.That(UnixAccounts.TryResolveUser("daemon", out uint daemonUid), Is.True);
        var policy = new AdminAccessPolicy("daemon");
        Assert.That(policy.MayMutate(new PeerCredentials(1, daemonUid, 65534, null), out string grounds), Is.True);
        Assert.That(grounds, Does.Contain("group database"));
        Assert.That(policy.MayMutate(new PeerCredentials(1, 65534, 65534, null), out grounds), Is.False);
        Assert.That(policy.MayMutate(new PeerCredentials(1, daemonUid, 65534, []), out _), Is.False,
            "with SO_PEERGROUPS the process's own groups count: a process that dropped its groups is not an admin");
    }

    [Test]
    public void An_admin_group_that_does_not_exist_leaves_root_only()
    {
        var policy = new AdminAccessPolicy("no-such-group-here");
        Assert.That(policy.AdminGid, Is.Null);
        Assert.That(policy.MayMutate(new PeerCredentials(1, 0, 0, []), out _), Is.True);
        Assert.That(policy.MayMutate(new PeerCredentials(1, 1000, 1000, [1000]), out string grounds), Is.False);
        Assert.That(grounds, Does.Contain("does not exist"));
    }

    [Test]
    public void Group_lookups_answer_by_name_and_number()
    {
        Assert.That(UnixAccounts.TryResolveGroup("root", out uint root) && root == 0, Is.True);
        Assert.That(UnixAccounts.TryResolveGroup("50", out uint fifty) && fifty == 50, Is.True);
        Assert.That(UnixAccounts.TryResolveGroup("no-such-group-here", out _), Is.False);
        Assert.That(UnixAccounts.GroupName(0), Is.EqualTo("root"));
        Assert.That(UnixAccounts.UserName(0), Is.EqualTo("root"));
        Assert.That(UnixAccounts.GroupListOfUser(0), Does.Contain(0u));
        Assert.That(UnixAccounts.GroupListOfUser(4_000_000_000), Is.Null);
    }
}
