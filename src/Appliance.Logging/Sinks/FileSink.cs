using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Sinks;

/// <summary>Appends lines to one file. Buffering is the writer's batch: each Write is one write() of whole lines.</summary>
public sealed class FileSink : LogSink
{
    private readonly FileStream _file;

    public FileSink(string path, LineFormat format = LineFormat.Text, LogLevel minLevel = LogLevel.Trace)
        : base(format, minLevel)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _file = LogFile.OpenForAppend(Path, out long repaired);
        RepairedBytes = repaired;
    }

    public string Path { get; }

    /// <summary>Bytes of a partial last line removed when the file was opened (see docs/logging.md, durability).</summary>
    public long RepairedBytes { get; }

    public override void Write(ReadOnlySpan<byte> lines) => _file.Write(lines);

    public override void Flush(bool toDisk)
    {
        if (toDisk) _file.Flush(flushToDisk: true);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
    }
}
