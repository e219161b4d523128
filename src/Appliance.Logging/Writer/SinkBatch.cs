using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Appliance.Logging.Formatting;
using Appliance.Logging.Sinks;

namespace Appliance.Logging.Writer;

/// <summary>
/// A sink and the whole lines formatted for it but not yet written (writer thread only), with the sink's
/// settings copied out so laying out a line reads one object. The buffer is pinned and has
/// <see cref="VectorCopy.Slack"/> bytes behind <see cref="Capacity"/> for the vector copies' overrun.
/// </summary>
internal sealed unsafe class SinkBatch
{
    public SinkBatch(LogSink sink, int bytes)
    {
        Sink = sink;
        Format = sink.Format;
        MinLevel = (int)sink.MinLevel;
        EscapeFactor = LineFrame.EscapeFactor(sink.Format);
        Buffer = GC.AllocateUninitializedArray<byte>(bytes + VectorCopy.Slack, pinned: true);
        Start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Buffer));
        Capacity = bytes;
    }

    public LogSink Sink { get; }
    public readonly LineFormat Format;
    public readonly int MinLevel;
    public readonly int EscapeFactor;
    public readonly byte[] Buffer;
    public readonly byte* Start;
    public readonly int Capacity;
    public int Length;

    /// <summary>Clock ticks of the oldest record in the batch (what the flush interval is measured from).</summary>
    public long Oldest = long.MaxValue;

    /// <summary>This sink's line frames by <c>categoryId * LineFrame.LevelsPerCategory + level</c>.</summary>
    public LineFrame[] Frames = [];

    public int Free => Capacity - Length;
}
