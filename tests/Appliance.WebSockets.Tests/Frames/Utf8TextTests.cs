using System.Text.Unicode;
using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Tests.Frames;

/// <summary>
/// The ASCII-first check must answer exactly as the BCL's full UTF-8 validation for every length and
/// every position of a non-ASCII byte: the vector loop, its unrolled pair, the overlapping last vector
/// and the short scalar path each see some of these.
/// </summary>
public class Utf8TextTests
{
    private static readonly byte[][] Inserts =
    [
        [0xC3, 0xA9],             // é, valid
        [0xE2, 0x82, 0xAC],       // €, valid
        [0xF0, 0x9F, 0x98, 0x80], // 😀, valid
        [0x80],                   // lone continuation
        [0xC3],                   // truncated two-byte sequence
        [0xC0, 0xAF],             // overlong '/'
        [0xED, 0xA0, 0x80],       // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xFF],
    ];

    [Test]
    public void Agrees_with_full_validation_for_every_length_and_position_of_a_non_ascii_sequence()
    {
        int checkedCases = 0, invalid = 0;
        for (int length = 0; length <= 80; length++)
        {
            byte[] ascii = Enumerable.Range(0, length).Select(i => (byte)(' ' + i % 95)).ToArray();
            Assert.That(Utf8Text.IsAscii(ascii) && Utf8Text.IsValid(ascii), Is.True, $"ASCII of {length} bytes");
            foreach (byte[] insert in Inserts)
            {
                for (int at = 0; at + insert.Length <= length; at++)
                {
                    byte[] text = (byte[])ascii.Clone();
                    insert.CopyTo(text, at);
                    bool expected = Utf8.IsValid(text);
                    Assert.That(Utf8Text.IsAscii(text), Is.False, $"length {length}, {Convert.ToHexString(insert)} at {at}");
                    Assert.That(Utf8Text.IsValid(text), Is.EqualTo(expected), $"length {length}, {Convert.ToHexString(insert)} at {at}");
                    checkedCases++;
                    if (!expected) invalid++;
                }
            }
        }
        Assert.That(invalid, Is.InRange(1, checkedCases - 1), "both answers were exercised");
    }

    [Test]
    public void Reads_nothing_outside_the_span()
    {
        // Non-ASCII bytes just before and after the slice must not be seen.
        byte[] buffer = Enumerable.Repeat((byte)0xFF, 200).ToArray();
        for (int length = 0; length <= 64; length++)
        {
            Array.Fill(buffer, (byte)'a', 50, length);
            Assert.That(Utf8Text.IsValid(buffer.AsSpan(50, length)), Is.True, $"length {length}");
            Array.Fill(buffer, (byte)0xFF, 50, length);
        }
    }
}
