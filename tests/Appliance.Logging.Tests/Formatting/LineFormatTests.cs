using System.Text.Json;
using Appliance.Logging.Sinks;
using Appliance.Logging.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.Formatting;

/// <summary>Each sink format, byte for byte after the timestamp, and one record per line whatever the message holds.</summary>
public class LineFormatTests
{
    private const string Timestamp = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z";

    [Test]
    public void Text_lines_are_timestamp_level_category_message()
    {
        using var t = new TestLog(category: "Feed.Binance");
        t.Log.Info($"fill {42} px={101.25}");
        t.Log.Warn($"stale {3}ms");
        IReadOnlyList<string> lines = t.Lines();
        Assert.That(lines[0], Does.Match($"^{Timestamp} INF Feed.Binance fill 42 px=101.25$"));
        Assert.That(lines[1], Does.Match($"^{Timestamp} WRN Feed.Binance stale 3ms$"));
        Assert.That(t.Sink.Bytes[^1], Is.EqualTo((byte)'\n'));
    }

    [Test]
    public void Text_lines_escape_control_characters_so_a_record_is_one_line()
    {
        using var t = new TestLog();
        string evil = "a\nb\rc\td\u001be\\f";
        t.Log.Info($"{evil}");
        Assert.That(t.Single(), Is.EqualTo(@"a\nb\rc\td\x1be\f"));
    }

    [Test]
    public void Every_level_has_its_three_letter_name()
    {
        using var t = new TestLog();
        t.Log.Trace($"m");
        t.Log.Debug($"m");
        t.Log.Info($"m");
        t.Log.Warn($"m");
        t.Log.Error($"m");
        t.Log.Critical($"m");
        t.Log.Trade($"m");
        Assert.That(t.Lines().Select(l => l.Substring(28, 3)), Is.EqualTo(new[] { "TRC", "DBG", "INF", "WRN", "ERR", "CRT", "INF" }));
    }

    [Test]
    public void Journald_lines_carry_the_syslog_priority_of_their_level()
    {
        using var t = new TestLog(format: LineFormat.Journald);
        t.Log.Trace($"m");
        t.Log.Debug($"m");
        t.Log.Info($"m");
        t.Log.Warn($"m");
        t.Log.Error($"m");
        t.Log.Critical($"m");
        IReadOnlyList<string> lines = t.Lines();
        Assert.That(lines.Select(l => l[..3]), Is.EqualTo(new[] { "<7>", "<7>", "<6>", "<4>", "<3>", "<2>" }));
        Assert.That(lines[2], Does.Match($"^<6>{Timestamp} INF Test m$"));
    }

    [Test]
    public void Stdout_form_through_a_stream_is_the_same_bytes()
    {
        var stream = new MemoryStream();
        using (var t = new TestLog(more: new StreamSink(stream, LineFormat.Journald)))
        {
            t.Log.Warn($"disk {91}% full");
            t.Lines();
        }
        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.That(text, Does.Match($"^<4>{Timestamp} WRN Test disk 91% full\n$"));
    }

    [Test]
    public void Json_lines_are_valid_json_with_escaped_strings()
    {
        using var t = new TestLog(format: LineFormat.Json, category: "Quote\"d");
        string tricky = "say \"hi\"\\ \n\u0001 é";
        t.Log.Error($"{tricky} {42}");
        string line = t.Lines().Single();
        Assert.That(line, Does.Match($"^{{\"ts\":\"{Timestamp}\",\"level\":\"ERR\",\"category\":\"Quote\\\\\"d\",\"msg\":\"say "));
        using JsonDocument doc = JsonDocument.Parse(line);
        Assert.That(doc.RootElement.GetProperty("msg").GetString(), Is.EqualTo(tricky + " 42"));
        Assert.That(doc.RootElement.GetProperty("category").GetString(), Is.EqualTo("Quote\"d"));
        Assert.That(doc.RootElement.GetProperty("level").GetString(), Is.EqualTo("ERR"));
        Assert.That(DateTime.Parse(doc.RootElement.GetProperty("ts").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind).Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public void A_sink_minimum_level_filters_only_that_sink()
    {
        var warnings = new MemorySink(LineFormat.Text, LogLevel.Warning);
        using var t = new TestLog(more: warnings);
        t.Log.Info($"info");
        t.Log.Warn($"warn");
        Assert.That(t.Messages(), Is.EqualTo(new[] { "info", "warn" }));
        Assert.That(warnings.Lines.Select(TestLog.MessageOf), Is.EqualTo(new[] { "warn" }));
    }

    // The writer copies messages in 32-byte chunks and checks each chunk for bytes to escape: every length
    // and position around the chunk edges must come out exactly as the scalar escaping would write it.
    [Test]
    public void Text_escaping_is_exact_at_every_position_around_the_copy_chunks()
    {
        using var t = new TestLog(TestLog.Options(blockWhenFull: true), category: "A.Category.Name.Longer.Than.Thirty.Two.Bytes");
        var expected = new List<string>();
        for (int length = 0; length <= 70; length++)
        {
            for (int at = -1; at < length; at++)
            {
                char[] message = Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)).ToArray();
                if (at >= 0) message[at] = at % 2 == 0 ? '\n' : '\u0001';
                string text = new(message);
                t.Log.Info($"{text}");
                expected.Add(text.Replace("\n", "\\n").Replace("\u0001", "\\x01"));
            }
        }
        IReadOnlyList<string> lines = t.Lines();
        Assert.That(lines, Has.Count.EqualTo(expected.Count));
        Assert.That(lines.Select(l => l[28..]), Is.EqualTo(expected.Select(m => "INF A.Category.Name.Longer.Than.Thirty.Two.Bytes " + m)));
    }

    [Test]
    public void Json_escaping_is_exact_at_every_position_around_the_copy_chunks()
    {
        using var t = new TestLog(TestLog.Options(blockWhenFull: true), format: LineFormat.Json);
        var expected = new List<string>();
        for (int length = 0; length <= 70; length++)
        {
            for (int at = -1; at < length; at++)
            {
                char[] message = Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)).ToArray();
                if (at >= 0) message[at] = (at % 3) switch { 0 => '"', 1 => '\\', _ => '\u001f' };
                string text = new(message);
                t.Log.Warn($"{text}");
                expected.Add(text);
            }
        }
        IReadOnlyList<string> lines = t.Lines();
        Assert.That(lines, Has.Count.EqualTo(expected.Count));
        for (int i = 0; i < lines.Count; i++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[i]);
            Assert.That(doc.RootElement.GetProperty("msg").GetString(), Is.EqualTo(expected[i]), lines[i]);
        }
        Assert.That(lines.Count(l => l.Contains(@"\u001f")), Is.EqualTo(expected.Count(m => m.Contains('\u001f'))));
    }
}
