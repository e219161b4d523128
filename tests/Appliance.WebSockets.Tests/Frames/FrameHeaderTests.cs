using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Tests.Frames;

public class FrameHeaderTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(125)]
    public void Seven_bit_length_uses_a_two_byte_header(int length)
    {
        byte[] frame = [0x81, (byte)length];
        Assert.That(FrameHeader.TryRead(frame, out var h), Is.EqualTo(HeaderStatus.Ok));
        Assert.That((h.Fin, h.Opcode, h.PayloadLength, (int)h.HeaderLength, h.Masked), Is.EqualTo((true, Opcode.Text, (long)length, 2, false)));
    }

    [TestCase(126)]
    [TestCase(65535)]
    public void Sixteen_bit_length_uses_a_four_byte_header(int length)
    {
        byte[] frame = [0x82, 126, (byte)(length >> 8), (byte)length];
        Assert.That(FrameHeader.TryRead(frame, out var h), Is.EqualTo(HeaderStatus.Ok));
        Assert.That((h.PayloadLength, (int)h.HeaderLength), Is.EqualTo(((long)length, 4)));
    }

    [TestCase(65536L)]
    [TestCase(1L << 40)]
    [TestCase(long.MaxValue)]
    public void Sixty_four_bit_length_uses_a_ten_byte_header(long length)
    {
        var frame = new byte[10];
        frame[0] = 0x02;
        frame[1] = 127;
        for (int i = 0; i < 8; i++) frame[2 + i] = (byte)(length >> (8 * (7 - i)));
        Assert.That(FrameHeader.TryRead(frame, out var h), Is.EqualTo(HeaderStatus.Ok));
        Assert.That((h.Fin, h.Opcode, h.PayloadLength, (int)h.HeaderLength), Is.EqualTo((false, Opcode.Binary, length, 10)));
    }

    [Test]
    public void Sixty_four_bit_length_with_top_bit_set_is_invalid()
    {
        byte[] frame = [0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1];
        Assert.That(FrameHeader.TryRead(frame, out _), Is.EqualTo(HeaderStatus.InvalidLength));
    }

    [Test]
    public void Masked_header_carries_the_mask_key()
    {
        byte[] frame = [0x89, 0x80 | 126, 0, 200, 0x11, 0x22, 0x33, 0x44];
        Assert.That(FrameHeader.TryRead(frame, out var h), Is.EqualTo(HeaderStatus.Ok));
        Assert.That((h.Masked, h.MaskKey, (int)h.HeaderLength, h.PayloadLength, h.IsControl), Is.EqualTo((true, 0x44332211u, 8, 200L, true)));
    }

    [Test]
    public void Every_strict_prefix_of_a_header_needs_more_data()
    {
        byte[][] headers = [[0x81, 5], [0x82, 126, 1, 0], [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0], [0x81, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4]];
        foreach (byte[] header in headers)
        {
            for (int n = 0; n < header.Length; n++)
                Assert.That(FrameHeader.TryRead(header.AsSpan(0, n), out _), Is.EqualTo(HeaderStatus.NeedMoreData), $"{Convert.ToHexString(header)} prefix {n}");
            Assert.That(FrameHeader.TryRead(header, out _), Is.EqualTo(HeaderStatus.Ok));
        }
    }

    [Test]
    public void Flags_decode_independently()
    {
        Assert.That(FrameHeader.TryRead([0x71, 0], out var h), Is.EqualTo(HeaderStatus.Ok));
        Assert.That((h.Fin, h.Rsv1, h.Rsv2, h.Rsv3), Is.EqualTo((false, true, true, true)));
    }
}
