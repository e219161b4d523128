using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Appliance.Logging.Formatting;

/// <summary>
/// The writer's small copies (line frames, literals, messages of a few dozen bytes) as whole 32-byte vector
/// loads and stores instead of a memmove call each. Both sides must be readable/writable up to the end of the
/// last chunk: every buffer they are used on has <see cref="Slack"/> bytes of room behind its last byte.
/// </summary>
internal static unsafe class VectorCopy
{
    /// <summary>Room a source or destination needs after its last byte.</summary>
    public const int Slack = 32;

    /// <summary>Copies <paramref name="length"/> bytes (may write up to 31 more); returns the end of the copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Copy(byte* destination, byte* source, int length)
    {
        byte* end = destination + length;
        while (destination < end)
        {
            Vector256.Load(source).Store(destination);
            destination += 32;
            source += 32;
        }
        return end;
    }

    /// <summary>
    /// Copies a message into a text line, escaping control characters (see <see cref="LineWriter"/>). The
    /// vector loop copies and checks at once; the rare message with a control character is redone escaped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* CopyText(byte* destination, byte* source, int length)
    {
        byte* end = source + length;
        Vector256<byte> space = Vector256.Create((byte)0x20);
        for (byte* s = source, d = destination; s < end; s += 32, d += 32)
        {
            Vector256<byte> chunk = Vector256.Load(s);
            chunk.Store(d);
            Vector256<byte> special = Vector256.LessThan(chunk, space);
            if (special != Vector256<byte>.Zero && HasSpecial(special, end - s))
                return LineWriter.EscapeText(destination, source, length);
        }
        return destination + length;
    }

    /// <summary>Like <see cref="CopyText"/> for a JSON string: controls, '"' and '\' are escaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* CopyJson(byte* destination, byte* source, int length)
    {
        byte* end = source + length;
        Vector256<byte> space = Vector256.Create((byte)0x20);
        Vector256<byte> quote = Vector256.Create((byte)'"');
        Vector256<byte> backslash = Vector256.Create((byte)'\\');
        for (byte* s = source, d = destination; s < end; s += 32, d += 32)
        {
            Vector256<byte> chunk = Vector256.Load(s);
            chunk.Store(d);
            Vector256<byte> special = Vector256.LessThan(chunk, space) | Vector256.Equals(chunk, quote) | Vector256.Equals(chunk, backslash);
            if (special != Vector256<byte>.Zero && HasSpecial(special, end - s))
                return LineWriter.EscapeJson(destination, source, length);
        }
        return destination + length;
    }

    /// <summary>Whether a flagged byte lies within the <paramref name="valid"/> bytes of the chunk (the rest is slack).</summary>
    private static bool HasSpecial(Vector256<byte> flags, long valid)
    {
        uint mask = flags.ExtractMostSignificantBits();
        if (valid < 32) mask &= (1u << (int)valid) - 1;
        return mask != 0;
    }
}
