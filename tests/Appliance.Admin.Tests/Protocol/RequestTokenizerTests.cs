using System.Text;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Tests.Protocol;

public class RequestTokenizerTests
{
    private static List<string> Words(string line) => RequestTokenizer.Tokenize(Encoding.UTF8.GetBytes(line));

    [Test]
    public void Words_are_split_on_spaces_and_tabs()
    {
        Assert.That(Words("book  BTCUSDT\t10"), Is.EqualTo(new[] { "book", "BTCUSDT", "10" }));
        Assert.That(Words("   "), Is.Empty);
        Assert.That(Words(""), Is.Empty);
    }

    [Test]
    public void Double_quotes_group_words_and_backslash_escapes_inside_them()
    {
        Assert.That(Words("halt \"feed looks wrong\""), Is.EqualTo(new[] { "halt", "feed looks wrong" }));
        Assert.That(Words("x \"a \\\"q\\\" \\\\ b\""), Is.EqualTo(new[] { "x", "a \"q\" \\ b" }));
        Assert.That(Words("x \"\""), Is.EqualTo(new[] { "x", "" }), "an empty quoted word is a word");
        Assert.That(Words("x ab\"c d\"e"), Is.EqualTo(new[] { "x", "abc de" }), "quotes join with adjacent text, as in a shell");
        Assert.That(Words("x a\\b"), Is.EqualTo(new[] { "x", "a\\b" }), "outside quotes a backslash is literal");
    }

    [Test]
    public void A_trailing_cr_is_ignored()
    {
        Assert.That(Words("status\r"), Is.EqualTo(new[] { "status" }));
    }

    [Test]
    public void Non_ascii_text_is_kept()
    {
        Assert.That(Words("halt \"Überprüfung läuft\" 取引"), Is.EqualTo(new[] { "halt", "Überprüfung läuft", "取引" }));
    }

    [TestCase(new byte[] { (byte)'a', 0xC3 }, "not valid UTF-8 (byte 1)")]
    [TestCase(new byte[] { 0xFF, (byte)'a' }, "not valid UTF-8 (byte 0)")]
    [TestCase(new byte[] { (byte)'a', (byte)'b', 0x00 }, "control character 0x00 at byte 2")]
    [TestCase(new byte[] { (byte)'a', 0x1B, (byte)'[' }, "control character 0x1B at byte 1")]
    [TestCase(new byte[] { (byte)'a', 0x7F }, "control character 0x7F at byte 1")]
    public void Binary_input_is_a_bad_request_naming_the_byte(byte[] line, string message)
    {
        var e = Assert.Throws<AdminException>(() => RequestTokenizer.Tokenize(line))!;
        Assert.That(e.Code, Is.EqualTo(AdminErrorCode.BadRequest));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void An_unterminated_quote_is_a_bad_request()
    {
        var e = Assert.Throws<AdminException>(() => Words("halt \"no end"))!;
        Assert.That(e.Code, Is.EqualTo(AdminErrorCode.BadRequest));
        Assert.That(e.Message, Does.Contain("unterminated quote opened at character 5"));
    }

    [Test]
    public void Too_many_words_is_a_bad_request()
    {
        var e = Assert.Throws<AdminException>(() => Words(string.Join(' ', Enumerable.Repeat("w", RequestTokenizer.MaxWords + 1))))!;
        Assert.That(e.Code, Is.EqualTo(AdminErrorCode.BadRequest));
        Assert.That(Words(string.Join(' ', Enumerable.Repeat("w", RequestTokenizer.MaxWords))), Has.Count.EqualTo(RequestTokenizer.MaxWords));
    }

    private static readonly string[][] RoundTrips =
    [
        ["halt", "feed looks wrong"],
        ["x", "", "a\"b", "c\\d", "tab\there", "plain"],
        ["log", "level", "Feed.Binance", "debug", "--for", "60s"],
    ];

    [TestCaseSource(nameof(RoundTrips))]
    public void Join_quotes_so_that_tokenize_gives_the_same_words_back(string[] words)
    {
        string line = RequestTokenizer.Join(words);
        Assert.That(Words(line), Is.EqualTo(words), line);
    }

    [Test]
    public void Join_leaves_plain_words_unquoted()
    {
        Assert.That(RequestTokenizer.Join(["latency", "decode", "--hgrm"]), Is.EqualTo("latency decode --hgrm"));
    }
}
