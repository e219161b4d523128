using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>The published `appliance run` as a child process: environment in, output captured, signals and exit code out.</summary>
public sealed partial class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public DaemonProcess(string configPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(ApplianceProcess.BinaryPath, ["run", "--config", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ApplianceProcess.RepoRoot,
        };
        // Never inherit the runner's systemd context: the test decides what the daemon sees.
        foreach (string v in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "INVOCATION_ID", "JOURNAL_STREAM", "CREDENTIALS_DIRECTORY" })
            psi.Environment.Remove(v);
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public string Output => $"--- stdout\n{Stdout}--- stderr\n{Stderr}";

    public bool HasExited => _process.HasExited;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public const int SIGTERM = 15;
    public const int SIGINT = 2;

    public void Signal(int signal) => Kill(_process.Id, signal);

    /// <summary>Waits for the exit and returns the code; fails the test (and kills) after <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the daemon did not exit within {timeout}\n{Output}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
