using System.Text;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Sinks;

/// <summary>Keeps lines in memory, for tests and diagnostics; readers may wait for a condition.</summary>
public sealed class MemorySink : LogSink
{
    private readonly object _lock = new();
    private readonly List<string> _lines = new();
    private readonly MemoryStream _bytes = new();

    public MemorySink(LineFormat format = LineFormat.Text, LogLevel minLevel = LogLevel.Trace)
        : base(format, minLevel)
    {
    }

    /// <summary>Lines so far, without their '\n'.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_lock) return _lines.ToArray(); }
    }

    /// <summary>Every byte written, exactly as a file would hold it.</summary>
    public byte[] Bytes
    {
        get { lock (_lock) return _bytes.ToArray(); }
    }

    public override void Write(ReadOnlySpan<byte> lines)
    {
        lock (_lock)
        {
            _bytes.Write(lines);
            while (!lines.IsEmpty)
            {
                int end = lines.IndexOf((byte)'\n');
                _lines.Add(Encoding.UTF8.GetString(lines[..end]));
                lines = lines[(end + 1)..];
            }
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the lines so far; false on timeout.</summary>
    public bool WaitFor(Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_lock)
        {
            while (!condition(_lines))
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0) return false;
                Monitor.Wait(_lock, (int)Math.Min(left, 100));
            }
            return true;
        }
    }
}
