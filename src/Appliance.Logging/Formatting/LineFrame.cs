using System.Text;
using Appliance.Logging.Sinks;

namespace Appliance.Logging.Formatting;

/// <summary>
/// The constant bytes of a line for one sink format, category and level: the head before the timestamp
/// (<c>&lt;6&gt;</c> for journald, <c>{"ts":"</c> for JSON), the middle between timestamp and message
/// (<c> INF Feed.Binance </c>) and the tail after the message. Built once per category; pinned and padded to
/// whole 32-byte chunks so the writer lays a line out with a few vector stores (<see cref="VectorCopy"/>).
/// </summary>
internal sealed unsafe class LineFrame
{
    private readonly byte[] _bytes;

    private LineFrame(ReadOnlySpan<byte> head, ReadOnlySpan<byte> middle, ReadOnlySpan<byte> tail)
    {
        int headRoom = Padded(head.Length), middleRoom = Padded(middle.Length), tailRoom = Padded(tail.Length);
        _bytes = GC.AllocateArray<byte>(headRoom + middleRoom + tailRoom + VectorCopy.Slack, pinned: true);
        head.CopyTo(_bytes);
        middle.CopyTo(_bytes.AsSpan(headRoom));
        tail.CopyTo(_bytes.AsSpan(headRoom + middleRoom));
        fixed (byte* p = _bytes)
        {
            Head = p;
            Middle = p + headRoom;
            Tail = p + headRoom + middleRoom;
        }
        HeadLength = head.Length;
        MiddleLength = middle.Length;
        TailLength = tail.Length;
    }

    public readonly byte* Head;
    public readonly byte* Middle;
    public readonly byte* Tail;
    public readonly int HeadLength;
    public readonly int MiddleLength;
    public readonly int TailLength;

    /// <summary>Bytes of a line other than its message.</summary>
    public int FixedLength => HeadLength + TimestampFormatter.Length + MiddleLength + TailLength;

    /// <summary>Levels are indexed 0..6 (6: none); frames are kept 8 per category.</summary>
    public const int LevelsPerCategory = 8;

    public static LineFrame For(LineFormat format, int level, string category)
    {
        byte[] name = Encoding.UTF8.GetBytes(category);
        ReadOnlySpan<byte> levelName = LevelNames.ShortName(level);
        if (format == LineFormat.Json)
        {
            byte[] middle = [.. "\",\"level\":\""u8, .. levelName, .. "\",\"category\":\""u8, .. LineWriter.JsonEscaped(name), .. "\",\"msg\":\""u8];
            return new LineFrame("{\"ts\":\""u8, middle, "\"}\n"u8);
        }
        ReadOnlySpan<byte> head = format == LineFormat.Journald ? LevelNames.SyslogPriority(level) : default;
        byte[] text = [(byte)' ', .. levelName, (byte)' ', .. name, (byte)' '];
        return new LineFrame(head, text, "\n"u8);
    }

    /// <summary>Most bytes one message byte can take in a line of this format once escaped (\xHH, \u00HH).</summary>
    public static int EscapeFactor(LineFormat format) => format == LineFormat.Json ? 6 : 4;

    private static int Padded(int length) => (length + 31) & ~31;
}
