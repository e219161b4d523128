using Appliance.Logging.Templates;
using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Templates;

public class CallSiteTableTests
{
    [Test]
    public void A_call_site_registers_its_template_once()
    {
        using var t = new TestLog();
        t.Log.Info($"warm {0}");
        int before = TemplateRegistry.Count;
        for (int i = 0; i < 100; i++) t.Log.Info($"same site {i} of {100}");
        Assert.That(TemplateRegistry.Count, Is.EqualTo(before + 1));
    }

    [Test]
    public void Sites_on_different_lines_get_their_own_templates()
    {
        using var t = new TestLog();
        for (int i = 0; i < 3; i++)
        {
            t.Log.Info($"first {i}");
            t.Log.Info($"second {i}");
        }
        Assert.That(t.Messages(), Is.EqualTo(new[] { "first 0", "second 0", "first 1", "second 1", "first 2", "second 2" }));
    }

    [Test]
    public void Sites_on_one_line_with_different_shapes_are_told_apart()
    {
        using var t = new TestLog();
        for (int i = 0; i < 2; i++) { t.Log.Info($"a {i}"); t.Log.Info($"bb {i} {i}"); }
        Assert.That(t.Messages(), Is.EqualTo(new[] { "a 0", "bb 0 0", "a 1", "bb 1 1" }));
    }

    [Test]
    public void The_same_file_and_line_from_another_string_instance_shares_the_template()
    {
        string file = "/src/Feed.cs";
        string sameFileOtherInstance = new(file.AsSpan());
        long key = CallSiteTable.KeyOf(4001, 5, 1);
        var builder = new TemplateBuilder(file, 4001, key);
        builder.AddLiteral("x ");
        builder.AddHole(null, 0);
        int id = CallSiteTable.Register(builder);

        Assert.That(CallSiteTable.Find(file, key), Is.EqualTo(id));
        Assert.That(CallSiteTable.Find(sameFileOtherInstance, key), Is.EqualTo(-1), "the fast path compares references");
        Assert.That(CallSiteTable.Register(new TemplateBuilder(sameFileOtherInstance, 4001, key)), Is.EqualTo(id));
        Assert.That(CallSiteTable.Find(sameFileOtherInstance, key), Is.EqualTo(id));
        Assert.That(TemplateRegistry.Get(id).ToString(), Is.EqualTo("x {0}"));
    }
}
