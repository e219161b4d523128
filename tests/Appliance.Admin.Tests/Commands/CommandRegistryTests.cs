using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Tests.Commands;

public class CommandRegistryTests
{
    private static readonly AdminCommandHandler Nothing = _ => { };

    [Test]
    public void Multi_word_verbs_resolve_to_the_longest_registered_name()
    {
        var r = new CommandRegistry();
        r.Register(StandardVerbs.LogLevel, Nothing);
        r.Register(StandardVerbs.Status, Nothing);
        var cmd = r.Resolve(["log", "level", "Feed", "debug"], out int nameWords);
        Assert.That(cmd.Name, Is.EqualTo("log level"));
        Assert.That(nameWords, Is.EqualTo(2));
        Assert.That(r.Resolve(["status"], out nameWords).Name, Is.EqualTo("status"));
        Assert.That(nameWords, Is.EqualTo(1));
    }

    [Test]
    public void The_first_word_of_a_multi_word_verb_alone_lists_its_completions()
    {
        var r = new CommandRegistry();
        r.Register(StandardVerbs.LogLevel, Nothing);
        var e = Assert.Throws<AdminException>(() => r.Resolve(["log", "levels"], out _))!;
        Assert.That(e.Code, Is.EqualTo(AdminErrorCode.Usage));
        Assert.That(e.Message, Is.EqualTo("log: expected one of: log level"));
    }

    [Test]
    public void An_unknown_verb_is_unknown_verb_and_long_names_are_shortened()
    {
        var r = new CommandRegistry();
        var e = Assert.Throws<AdminException>(() => r.Resolve([new string('x', 1000)], out _))!;
        Assert.That(e.Code, Is.EqualTo(AdminErrorCode.UnknownVerb));
        Assert.That(e.Message.Length, Is.LessThan(200));
    }

    [Test]
    public void Duplicate_and_ambiguous_names_are_refused()
    {
        var r = new CommandRegistry();
        r.Register(StandardVerbs.LogLevel, Nothing);
        Assert.Throws<ArgumentException>(() => r.Register(StandardVerbs.LogLevel, Nothing));
        Assert.Throws<ArgumentException>(() => r.Register("log", "", false, "x", Nothing));
        Assert.Throws<ArgumentException>(() => r.Register("log level extra", "", false, "x", Nothing));
    }

    [Test]
    public void Help_lists_in_registration_order()
    {
        var r = new CommandRegistry();
        r.Register(StandardVerbs.Status, Nothing);
        r.Register(StandardVerbs.Health, Nothing);
        Assert.That(r.Commands.Select(c => c.Name), Is.EqualTo(new[] { "status", "health" }));
    }
}
