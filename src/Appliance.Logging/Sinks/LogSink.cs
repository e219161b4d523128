using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Sinks;

/// <summary>
/// Where lines go. Called on the writer thread only, with whole lines (never a part of one), so a sink
/// needs no locking and one write() per call keeps lines whole.
/// </summary>
public abstract class LogSink : IDisposable
{
    protected LogSink(LineFormat format, LogLevel minLevel)
    {
        Format = format;
        MinLevel = minLevel;
    }

    public LineFormat Format { get; }

    /// <summary>Records below this level skip this sink (the category level applies first).</summary>
    public LogLevel MinLevel { get; }

    /// <summary>Writes whole lines. May throw: the writer counts a sink error and goes on.</summary>
    public abstract void Write(ReadOnlySpan<byte> lines);

    /// <summary>After a batch of writes; <paramref name="toDisk"/> asks files to fsync.</summary>
    public virtual void Flush(bool toDisk)
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
