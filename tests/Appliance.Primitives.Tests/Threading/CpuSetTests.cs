using Appliance.Primitives.Threading;

namespace Appliance.Primitives.Tests.Threading;

public class CpuSetTests
{
    [TestCase("0-3,8,10-11", new[] { 0, 1, 2, 3, 8, 10, 11 }, "0-3,8,10-11")]
    [TestCase(" 2 ", new[] { 2 }, "2")]
    [TestCase("1,0,2", new[] { 0, 1, 2 }, "0-2")]
    [TestCase("", new int[0], "")]
    [TestCase("\n", new int[0], "")]
    [TestCase("1023", new[] { 1023 }, "1023")]
    public void Kernel_list_syntax_parses_and_prints_collapsed(string text, int[] cpus, string canonical)
    {
        Assert.That(CpuSet.TryParse(text, out var set, out string error), Is.True, error);
        Assert.That(set.Cpus, Is.EqualTo(cpus));
        Assert.That(set.ToString(), Is.EqualTo(canonical));
    }

    [TestCase("a")]
    [TestCase("3-1")]
    [TestCase("1-")]
    [TestCase("-1")]
    [TestCase("1024")]
    [TestCase("1,,2")]
    public void Malformed_lists_are_refused_with_the_bad_part_named(string text)
    {
        Assert.That(CpuSet.TryParse(text, out _, out string error), Is.False);
        Assert.That(error, Is.Not.Empty);
        Assert.Throws<FormatException>(() => CpuSet.Parse(text));
    }

    [Test]
    public void Subset_and_equality()
    {
        Assert.That(CpuSet.Of(1).IsSubsetOf(CpuSet.Parse("0-1")), Is.True);
        Assert.That(CpuSet.Of(2).IsSubsetOf(CpuSet.Parse("0-1")), Is.False);
        Assert.That(CpuSet.Parse("0-1"), Is.EqualTo(CpuSet.Of(1, 0)));
    }
}
