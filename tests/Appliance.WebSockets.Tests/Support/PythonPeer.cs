using System.Diagnostics;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>
/// Debian's python3-websockets running Peers/scenario_server.py: an independent server implementation.
/// Waits for its "PORT n" line; collects its "RESULT ..." lines so tests can wait for a verdict.
/// </summary>
internal sealed class PythonPeer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly object _gate = new();

    public int Port { get; }

    private PythonPeer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static PythonPeer Start()
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} not found: run scripts/bootstrap.sh (installs python3-websockets)");
        string script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Peers", "scenario_server.py");
        var info = new ProcessStartInfo(Python, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        var portLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        PythonPeer? peer = null;
        var early = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("PORT ")) portLine.TrySetResult(e.Data);
            else if (peer is null) lock (early) early.Add(e.Data);
            else peer.Add(e.Data);
        };
        process.BeginOutputReadLine();
        if (!portLine.Task.Wait(TimeSpan.FromSeconds(15)))
        {
            process.Kill();
            lock (stderr) Assert.Fail($"python peer did not start (is python3-websockets installed? run scripts/bootstrap.sh): {stderr}");
        }
        peer = new PythonPeer(process, int.Parse(portLine.Task.Result.AsSpan(5)));
        lock (early) foreach (string line in early) peer.Add(line);
        return peer;
    }

    private int _nextId;

    /// <summary>The scenario's URI with a unique id appended, so <see cref="WaitForResult"/> finds this connection's verdict.</summary>
    public Uri Uri(string pathAndQuery)
    {
        int id = Interlocked.Increment(ref _nextId);
        return new($"ws://127.0.0.1:{Port}{pathAndQuery}{(pathAndQuery.Contains('?') ? '&' : '?')}id={id}");
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits for the peer's verdict on the connection to <paramref name="uri"/> (its RESULT line).</summary>
    public string WaitForResult(Uri uri, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        string path = uri.PathAndQuery;
        string prefix = $"RESULT {path} ";
        lock (_gate)
        {
            while (true)
            {
                int i = _lines.FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (i >= 0)
                {
                    string line = _lines[i];
                    _lines.RemoveAt(i);
                    return line.Substring(prefix.Length);
                }
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited)
                    Assert.Fail($"no RESULT for {path} from the python peer; lines so far: {string.Join(" | ", _lines)}");
                Monitor.Wait(_gate, left);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close(); // the script exits when stdin closes
            if (!_process.WaitForExit(3000)) _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
