using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Tests.Frames;

public class MaskingTests
{
    [Test]
    public void Vectorised_masking_matches_the_rfc_definition_at_every_length_and_key_offset()
    {
        var random = new Random(42);
        byte[] key = [0x37, 0xFA, 0x21, 0x3D];
        uint maskKey = BitConverter.ToUInt32(key);
        for (int length = 0; length <= 140; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            for (int offset = 0; offset < 8; offset++)
            {
                var actual = new byte[length];
                Masking.Apply(data, actual, maskKey, offset);
                for (int i = 0; i < length; i++)
                    Assert.That(actual[i], Is.EqualTo((byte)(data[i] ^ key[(offset + i) % 4])), $"length {length} offset {offset} byte {i}");
            }
        }
    }

    [Test]
    public void Masking_twice_restores_the_payload_in_place()
    {
        var data = new byte[1000];
        new Random(1).NextBytes(data);
        var copy = data.ToArray();
        Masking.Apply(data, data, 0xDEADBEEF, 3);
        Assert.That(data, Is.Not.EqualTo(copy));
        Masking.Apply(data, data, 0xDEADBEEF, 3);
        Assert.That(data, Is.EqualTo(copy));
    }

    [Test]
    public void Rfc6455_example_masked_hello_decodes()
    {
        // RFC 6455 5.7: "A single-frame masked text message" containing "Hello".
        byte[] frame = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
        Assert.That(FrameHeader.TryRead(frame, out var h), Is.EqualTo(HeaderStatus.Ok));
        var payload = new byte[5];
        Masking.Apply(frame.AsSpan(h.HeaderLength), payload, h.MaskKey, 0);
        Assert.That(System.Text.Encoding.ASCII.GetString(payload), Is.EqualTo("Hello"));
    }
}
