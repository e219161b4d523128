using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Sinks;

/// <summary>Writes lines to a stream (stdout, a pipe): one Write per batch of whole lines.</summary>
public class StreamSink : LogSink
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;

    public StreamSink(Stream stream, LineFormat format, LogLevel minLevel = LogLevel.Trace, bool ownsStream = false)
        : base(format, minLevel)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = ownsStream;
    }

    public override void Write(ReadOnlySpan<byte> lines) => _stream.Write(lines);

    public override void Flush(bool toDisk) => _stream.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsStream) _stream.Dispose();
    }
}
