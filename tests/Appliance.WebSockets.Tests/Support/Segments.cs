using System.Buffers;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a pipe would hand them over.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params byte[][] parts)
    {
        if (parts.Length == 0) return ReadOnlySequence<byte>.Empty;
        if (parts.Length == 1) return new ReadOnlySequence<byte>(parts[0]);
        var first = new Segment(parts[0], 0);
        Segment last = first;
        for (int i = 1; i < parts.Length; i++) last = last.Append(parts[i]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Splits <paramref name="data"/> at the given ascending offsets.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, params int[] offsets)
    {
        var parts = new List<byte[]>();
        int start = 0;
        foreach (int offset in offsets)
        {
            parts.Add(data[start..offset]);
            start = offset;
        }
        parts.Add(data[start..]);
        return Of(parts.ToArray());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
