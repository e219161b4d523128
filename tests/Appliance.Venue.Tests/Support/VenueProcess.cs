using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Appliance.Venue.Tests.Support;

/// <summary>The venue as a child process (the apphost next to the tests), started on port 0; the port comes from its first line.</summary>
internal sealed partial class VenueProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private VenueProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Process Process => _process;

    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static VenueProcess Start(params string[] args)
    {
        string exe = Path.Combine(AppContext.BaseDirectory, "Appliance.Venue");
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (string a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var lines = new List<string>();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) { listening.TrySetResult(-1); return; }
            lock (lines) lines.Add(line);
            Match m = Listening().Match(line);
            if (m.Success) listening.TrySetResult(int.Parse(m.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(30)) || listening.Task.Result < 0)
        {
            if (!process.HasExited) process.Kill();
            lock (lines) Assert.Fail($"venue process did not report its port: {string.Join('\n', lines)}");
        }
        var venue = new VenueProcess(process, listening.Task.Result);
        lock (lines) venue._output.AddRange(lines);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (venue._output) venue._output.Add(e.Data); };
        return venue;
    }

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    [GeneratedRegex(@"^venue: listening on http://127\.0\.0\.1:(\d+)/")]
    private static partial Regex Listening();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
