using System.Runtime.InteropServices;
using Appliance.Admin.Unix;
using Appliance.Logging;
using Appliance.Primitives.Threading;

namespace Appliance.Admin.Metrics;

/// <summary>
/// Writes the exposition to a node_exporter textfile-collector file every interval, atomically: the text
/// goes to <c>PATH.PID.tmp</c> in the same directory (node_exporter reads only <c>*.prom</c>), gets its mode,
/// and is renamed over PATH, so a scrape sees the old file or the new one, never half of one. No fsync: a
/// crash loses at most one interval of a file that is rewritten anyway. Runs on its own background thread.
/// </summary>
public sealed class TextfileExporter : IDisposable
{
    private readonly MetricsRegistry _registry;
    private readonly TimeSpan _interval;
    private readonly Logger? _log;
    private readonly ManualResetEventSlim _stop = new();
    private readonly string _tempPath;
    private readonly Lock _writeLock = new(); // the timer thread and a caller of WriteNow share the temp file
    private Thread? _thread;
    private long _writes;
    private long _failures;
    private DateTime _lastFailureLog = DateTime.MinValue;

    /// <param name="path">Must end in <c>.prom</c>, in node_exporter's <c>--collector.textfile.directory</c>.</param>
    /// <param name="fileMode">0644 by default: node_exporter runs as another user.</param>
    /// <param name="deleteOnDispose">Remove the file at stop, so a stopped daemon's metrics go stale instead of looking current.</param>
    public TextfileExporter(MetricsRegistry registry, string path, TimeSpan interval, Logger? log = null,
        UnixFileMode fileMode = (UnixFileMode)0b110_100_100, bool deleteOnDispose = true)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".prom", StringComparison.Ordinal)) throw new ArgumentException($"textfile '{path}' must end in .prom (node_exporter reads only those)", nameof(path));
        if (!System.IO.Path.IsPathFullyQualified(path)) throw new ArgumentException($"textfile '{path}' must be an absolute path", nameof(path));
        if (interval < TimeSpan.FromMilliseconds(100)) throw new ArgumentOutOfRangeException(nameof(interval), interval, "at least 100 ms");
        _registry = registry;
        Path = path;
        _interval = interval;
        _log = log;
        FileMode = fileMode;
        DeleteOnDispose = deleteOnDispose;
        _tempPath = $"{path}.{Environment.ProcessId}.tmp";
    }

    public string Path { get; }
    public UnixFileMode FileMode { get; }
    public bool DeleteOnDispose { get; }
    public long Writes => Interlocked.Read(ref _writes);
    public long Failures => Interlocked.Read(ref _failures);
    public string? LastError { get; private set; }

    /// <summary>Writes once now, then every interval on a background thread.</summary>
    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("already started");
        WriteNow();
        _thread = NamedThread.Create("metrics-textfile", () =>
        {
            while (!_stop.Wait(_interval)) WriteNow();
        });
        _thread.Start();
    }

    /// <summary>One atomic write; false (logged at most once a minute, counted) when it failed.</summary>
    public bool WriteNow()
    {
        lock (_writeLock) return Write();
    }

    private bool Write()
    {
        try
        {
            byte[] text = _registry.Collect();
            using (var file = new FileStream(_tempPath, System.IO.FileMode.Create, FileAccess.Write, FileShare.None))
                file.Write(text);
            if (UnixLibC.Chmod(_tempPath, (uint)FileMode) != 0)
                throw new IOException($"chmod {_tempPath}: {UnixLibC.ErrorText(Marshal.GetLastPInvokeError())}");
            File.Move(_tempPath, Path, overwrite: true);
            Interlocked.Increment(ref _writes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            LastError = e.Message;
            TryDelete(_tempPath);
            if (_log is { } l && DateTime.UtcNow - _lastFailureLog > TimeSpan.FromMinutes(1))
            {
                _lastFailureLog = DateTime.UtcNow;
                l.Warn($"metrics: cannot write textfile {Path}: {e.Message} ({Failures} failures so far)");
            }
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        if (DeleteOnDispose) TryDelete(Path);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
