using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Tests.Connection;
using Appliance.WebSockets.Tests.Support;

namespace Appliance.WebSockets.Tests.Probe;

/// <summary>
/// The operator's `appliance probe` verb, run as the real executable against both peers: $APPLIANCE_BIN if
/// set, else the native AOT binary of scripts/publish.sh when it is newer than the build of src/Appliance
/// for this test's configuration (which the test project builds first), else that build's appliance.dll.
/// </summary>
[NonParallelizable]
public class ProbeCommandTests
{
    private PythonPeer _python = null!;
    private KestrelServer _kestrel = null!;
    private KestrelServer _kestrelTls = null!;
    private TestCertificates _certificates = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _python = PythonPeer.Start();
        _certificates = new TestCertificates();
        _kestrel = await KestrelServer.StartAsync();
        _kestrelTls = await KestrelServer.StartAsync(_certificates.Server);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _python.Dispose();
        await _kestrel.DisposeAsync();
        await _kestrelTls.DisposeAsync();
        _certificates.Dispose();
    }

    private sealed record Run(int ExitCode, string[] Stdout, string Stderr);

    private static Run Probe(params string[] args)
    {
        string dll = Metadata("ApplianceDll"), aot = Metadata("ApplianceAot");
        string? bin = Environment.GetEnvironmentVariable("APPLIANCE_BIN");
        if (bin is null && File.Exists(aot) && (!File.Exists(dll) || File.GetLastWriteTimeUtc(aot) >= File.GetLastWriteTimeUtc(dll))) bin = aot;
        ProcessStartInfo info = bin is not null ? new ProcessStartInfo(bin) : new ProcessStartInfo("dotnet", [dll]);
        if (bin is null && !File.Exists(dll)) Assert.Fail($"{dll} not built (the test project builds src/Appliance first)");
        TestContext.Out.WriteLine($"probe binary: {bin ?? dll}");
        info.ArgumentList.Add("probe");
        foreach (string a in args) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail("probe did not exit within 60 s");
        }
        return new Run(process.ExitCode, stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.Result.Trim());
    }

    private static string Metadata(string key) =>
        typeof(ProbeCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string Line(Run run, string prefix) =>
        run.Stdout.FirstOrDefault(l => l.StartsWith(prefix)) ?? throw new AssertionException($"no '{prefix}' line in:\n{string.Join('\n', run.Stdout)}\nstderr: {run.Stderr}");

    [Test]
    public void Probe_subscribes_prints_messages_with_digests_and_exits_0()
    {
        Uri uri = _python.Uri("/stream?count=20&subscribe=1");
        Run run = Probe(uri.ToString(), "--subscribe", "{\"method\":\"SUBSCRIBE\",\"id\":1}",
            "--messages", "21", "--print", "--sha256");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(Line(run, "http:"), Is.EqualTo("http: 101 Switching Protocols"));
        Assert.That(Line(run, "extensions:"), Is.EqualTo("extensions: none"));
        Assert.That(Line(run, "tls:"), Is.EqualTo("tls: none"));
        Assert.That(Line(run, "ping rtt:"), Does.Match(@"^ping rtt: \d+\.\d us$"));
        Assert.That(Line(run, "messages:"), Does.StartWith("messages: 21 in "));
        int first = Array.FindIndex(run.Stdout, l => l.StartsWith("tls:")) + 1;
        string[] pairs = run.Stdout[first..Array.FindIndex(run.Stdout, l => l.StartsWith("ping rtt:"))];
        Assert.That(pairs, Has.Length.EqualTo(42));
        Assert.That(pairs[0], Does.Contain("SUBSCRIBE"), "the subscription reply comes first");
        for (int i = 0; i < pairs.Length; i += 2)
            Assert.That(pairs[i + 1], Is.EqualTo(MessageLog.Sha256(System.Text.Encoding.UTF8.GetBytes(pairs[i]))), pairs[i]);
        Assert.That(_python.WaitForResult(uri), Does.StartWith("sent=20 code=1000 "));
    }

    [Test]
    public async Task Probe_with_deflate_against_kestrel_matches_the_servers_digests()
    {
        string path = "/messages?fragment=1&compress=1";
        using var reference = await WebSocketClient.ConnectAsync(_kestrel.Uri(path), PythonPeerTests.Options("on"));
        var log = new MessageLog();
        Assert.That(await reference.RunAsync(log), Is.EqualTo(ReceiveStatus.Closed));
        string[] digests = JsonSerializer.Deserialize<string[]>(log.Text(log.Count - 1)["DIGESTS ".Length..])!;

        Run run = Probe(_kestrel.Uri(path).ToString(), "--deflate", "--sha256");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(Line(run, "extensions:"), Does.StartWith("extensions: permessage-deflate"));
        string[] lines = run.Stdout.Where(l => l.Length == 64 && l.All(char.IsAsciiHexDigitLower)).ToArray();
        Assert.That(lines[..^1], Is.EqualTo(digests));
        Assert.That(Line(run, "messages:"), Does.StartWith($"messages: {digests.Length + 1} in "));
    }

    [Test]
    public void Probe_over_tls_reports_version_and_cipher()
    {
        Run run = Probe(_kestrelTls.Uri("/echo", "localhost").ToString(), "--ca-bundle", _certificates.CaBundlePath, "--seconds", "0.3");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(Line(run, "tls:"), Does.Match("^tls: Tls13 TLS_"));
        Assert.That(Line(run, "ping rtt:"), Does.Match(@"^ping rtt: \d+\.\d us$"));
    }

    [Test]
    public void Probe_exits_non_zero_with_one_line_when_tls_validation_fails()
    {
        Run run = Probe(_kestrelTls.Uri("/echo", "localhost").ToString(), "--seconds", "0.3");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stderr, Does.StartWith("probe: connect failed (TlsFailed): "));
        Assert.That(run.Stderr, Does.Not.Contain('\n'));
    }

    [Test]
    public void Probe_exits_2_naming_the_violation_and_the_close_code_sent()
    {
        Uri uri = _python.Uri("/violation/invalid-utf8");
        Run run = Probe(uri.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Is.EqualTo("probe: connection failed: failed: InvalidUtf8 at offset 0 (opcode Text, length 2); sent close 1007"));
        Assert.That(_python.WaitForResult(uri), Does.StartWith("code=1007 "));
    }

    [Test]
    public void Probe_exits_1_when_nothing_listens()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Run run = Probe($"ws://127.0.0.1:{port}/");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stderr, Is.EqualTo($"probe: connect failed (ConnectFailed): 127.0.0.1:{port}: ConnectionRefused"));
    }

    [Test]
    public void Probe_exits_3_when_fewer_messages_than_asked_arrive_in_time()
    {
        Uri uri = _python.Uri("/stream?count=2");
        Run run = Probe(uri.ToString(), "--messages", "5", "--seconds", "0.5");
        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Stderr, Is.EqualTo("probe: only 2 of 5 messages within 0.5 s"));
        _python.WaitForResult(uri);
    }
}
