using System.Text;
using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Tests.Journal;

public class Crc32CTests
{
    // Check value from the CRC catalogue, and RFC 3720 (iSCSI) appendix B.4 vectors.
    [TestCase("123456789", 0xE3069283u)]
    [TestCase("", 0x00000000u)]
    [TestCase("a", 0xC1D04330u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Known_vectors(string text, uint expected)
    {
        byte[] data = Encoding.ASCII.GetBytes(text);
        Assert.That(Crc32C.Compute(data), Is.EqualTo(expected));
        Assert.That(Crc32C.ComputeWithTable(data), Is.EqualTo(expected));
    }

    [Test]
    public void Rfc3720_vectors_of_32_zeros_ones_and_ascending_bytes()
    {
        Assert.That(Crc32C.Compute(new byte[32]), Is.EqualTo(0x8A9136AAu));
        Assert.That(Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()), Is.EqualTo(0x62A8AB43u));
        Assert.That(Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), Is.EqualTo(0x46DD794Eu));
        Assert.That(Crc32C.ComputeWithTable(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()), Is.EqualTo(0x113FDB5Cu));
    }

    [Test]
    public void Hardware_and_table_paths_agree_at_every_length_and_split()
    {
        var random = new Random(5);
        byte[] data = new byte[300];
        random.NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            ReadOnlySpan<byte> s = data.AsSpan(0, length);
            uint whole = Crc32C.Compute(s);
            Assert.That(Crc32C.ComputeWithTable(s), Is.EqualTo(whole), $"length {length}");
            int split = length / 3;
            Assert.That(Crc32C.Append(Crc32C.Compute(s[..split]), s[split..]), Is.EqualTo(whole), $"split {split} of {length}");
        }
    }
}
