using Appliance.Logging.Sinks;

namespace Appliance.Logging.Writer;

/// <summary>A sink and the whole lines formatted for it but not yet written (writer thread only).</summary>
internal sealed class SinkBatch
{
    public SinkBatch(LogSink sink, int bytes)
    {
        Sink = sink;
        Buffer = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
    }

    public LogSink Sink { get; }
    public byte[] Buffer { get; }
    public int Length;

    /// <summary>Clock ticks of the oldest record in the batch (what the flush interval is measured from).</summary>
    public long Oldest = long.MaxValue;

    public Span<byte> Free => Buffer.AsSpan(Length);
}
