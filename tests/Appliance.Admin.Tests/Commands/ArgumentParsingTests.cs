using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Tests.Commands;

public class ArgumentParsingTests
{
    private static ParsedArguments Parse(AdminVerb verb, params string[] words) => verb.Parse(words);

    private static AdminException Fails(AdminVerb verb, params string[] words) =>
        Assert.Throws<AdminException>(() => verb.Parse(words))!;

    [Test]
    public void Latency_takes_an_optional_stage_and_two_flags_in_any_order()
    {
        var a = Parse(StandardVerbs.Latency, "--hgrm", "decode", "--reset");
        Assert.That(a["STAGE"], Is.EqualTo("decode"));
        Assert.That(a.Has("--hgrm"), Is.True);
        Assert.That(a.Has("--reset"), Is.True);
        var none = Parse(StandardVerbs.Latency);
        Assert.That(none["STAGE"], Is.Null);
        Assert.That(none.Has("--hgrm"), Is.False);
    }

    [Test]
    public void Latency_reset_is_a_mutating_invocation_of_a_read_only_verb()
    {
        Assert.That(StandardVerbs.Latency.Mutates, Is.False);
        Assert.That(StandardVerbs.Latency.IsMutating(Parse(StandardVerbs.Latency, "decode")), Is.False);
        Assert.That(StandardVerbs.Latency.IsMutating(Parse(StandardVerbs.Latency, "--reset")), Is.True);
    }

    [Test]
    public void Book_needs_a_symbol_and_checks_the_depth()
    {
        var a = Parse(StandardVerbs.Book, "BTCUSDT", "20");
        Assert.That(a.Required("SYMBOL"), Is.EqualTo("BTCUSDT"));
        Assert.That(a.GetInt32("DEPTH", 10, 1, 1000), Is.EqualTo(20));
        Assert.That(Parse(StandardVerbs.Book, "ETHUSDT").GetInt32("DEPTH", 10, 1, 1000), Is.EqualTo(10));

        var missing = Fails(StandardVerbs.Book);
        Assert.That(missing.Code, Is.EqualTo(AdminErrorCode.Usage));
        Assert.That(missing.Message, Is.EqualTo("book: missing SYMBOL"));
        Assert.That(missing.Usage, Is.EqualTo("book SYMBOL [DEPTH]"));

        var bad = Assert.Throws<AdminException>(() => Parse(StandardVerbs.Book, "BTCUSDT", "ten").GetInt32("DEPTH", 10, 1, 1000))!;
        Assert.That(bad.Message, Is.EqualTo("book: DEPTH must be a whole number from 1 to 1000, got 'ten'"));
        Assert.That(bad.Usage, Is.EqualTo("book SYMBOL [DEPTH]"));
        Assert.Throws<AdminException>(() => Parse(StandardVerbs.Book, "BTCUSDT", "0").GetInt32("DEPTH", 10, 1, 1000));

        Assert.That(Fails(StandardVerbs.Book, "A", "1", "extra").Message, Is.EqualTo("book: unexpected argument 'extra'"));
    }

    [Test]
    public void Log_level_takes_a_duration_option_in_either_spelling()
    {
        var a = Parse(StandardVerbs.LogLevel, "Feed", "debug", "--for", "90s");
        Assert.That(a["CATEGORY"], Is.EqualTo("Feed"));
        Assert.That(a["LEVEL"], Is.EqualTo("debug"));
        Assert.That(a.GetDuration("--for"), Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(Parse(StandardVerbs.LogLevel, "Feed", "debug", "--for=1h30m").GetDuration("--for"), Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(Parse(StandardVerbs.LogLevel, "Feed", "debug").GetDuration("--for"), Is.Null);

        Assert.That(Fails(StandardVerbs.LogLevel, "Feed", "debug", "--for").Message, Is.EqualTo("log level: --for needs a value (DURATION)"));
        Assert.That(Fails(StandardVerbs.LogLevel, "Feed").Message, Is.EqualTo("log level: missing LEVEL"));
        var badDuration = Assert.Throws<AdminException>(() => Parse(StandardVerbs.LogLevel, "Feed", "debug", "--for", "soon").GetDuration("--for"))!;
        Assert.That(badDuration.Message, Does.Contain("--for must be a duration").And.Contain("'soon'"));
    }

    [Test]
    public void Halt_takes_every_remaining_word_as_its_reason()
    {
        var a = Parse(StandardVerbs.Halt, "feed", "looks", "wrong");
        Assert.That(a["REASON"], Is.EqualTo("feed looks wrong"));
        Assert.That(a.RestWords, Is.EqualTo(new[] { "feed", "looks", "wrong" }));
        Assert.That(Parse(StandardVerbs.Halt)["REASON"], Is.Null);
    }

    [Test]
    public void Double_dash_ends_options_so_a_value_may_start_with_dashes()
    {
        var a = Parse(StandardVerbs.Halt, "--", "--not-an-option");
        Assert.That(a["REASON"], Is.EqualTo("--not-an-option"));
    }

    [Test]
    public void Flags_take_no_value_and_verbs_without_options_say_so()
    {
        Assert.That(Fails(StandardVerbs.Latency, "--hgrm=yes").Message, Is.EqualTo("latency: --hgrm takes no value"));
        Assert.That(Fails(StandardVerbs.Resume, "--force").Message, Is.EqualTo("resume: takes no options, got --force"));
        Assert.That(Fails(StandardVerbs.Resume, "now").Message, Is.EqualTo("resume: unexpected argument 'now'"));
    }

    [Test]
    public void Every_standard_verb_parses_its_usage()
    {
        foreach (var verb in StandardVerbs.All)
            Assert.That(verb.Usage, Does.StartWith(verb.Name), verb.Name);
        Assert.That(StandardVerbs.All.Where(v => v.Mutates).Select(v => v.Name),
            Is.EquivalentTo(new[] { "log level", "halt", "resume", "flatten", "reconnect" }));
    }

    [TestCase("[STAGE")]
    [TestCase("SYMBOL --hgrm")]
    [TestCase("[DEPTH] SYMBOL")]
    [TestCase("[REST...] [MORE]")]
    [TestCase("lower")]
    [TestCase("[--x VALUE EXTRA]")]
    [TestCase("A A")]
    public void A_malformed_usage_is_refused_when_the_verb_is_made(string arguments)
    {
        Assert.Throws<ArgumentException>(() => _ = new AdminVerb("v", arguments, false, "help"));
    }

    [TestCase("Upper")]
    [TestCase("two  spaces")]
    [TestCase("a b c d")]
    [TestCase("")]
    [TestCase("under_score")]
    public void A_bad_verb_name_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => _ = new AdminVerb(name, "", false, "help"));
    }

    [Test]
    public void A_mutating_option_must_be_in_the_usage()
    {
        Assert.Throws<ArgumentException>(() => _ = new AdminVerb("v", "[--a]", false, "help", "--b"));
    }
}
