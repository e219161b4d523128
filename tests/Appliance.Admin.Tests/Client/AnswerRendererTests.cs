using System.Text.Json;
using Appliance.Admin.Client;

namespace Appliance.Admin.Tests.Client;

public class AnswerRendererTests
{
    private static string Render(string verb, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var output = new StringWriter { NewLine = "\n" };
        AnswerRenderer.Render(verb, doc.RootElement, output);
        return output.ToString();
    }

    [Test]
    public void Scalars_are_aligned_key_value_lines_without_the_ok_flag()
    {
        string text = Render("status", """{"ok":true,"state":"running","uptime_seconds":12.5,"halted":false,"symbols":["BTCUSDT","ETHUSDT"],"reason":null}""");
        Assert.That(text, Is.EqualTo(
            "state           running\n" +
            "uptime_seconds  12.5\n" +
            "halted          no\n" +
            "symbols         BTCUSDT, ETHUSDT\n" +
            "reason          -\n"));
    }

    [Test]
    public void Arrays_of_objects_are_tables_with_numbers_right_aligned()
    {
        string text = Render("feeds", """{"ok":true,"feeds":[{"feed":"binance-1","state":"connected","msgs":1234567},{"feed":"b2","state":"reconnecting","msgs":8,"gaps":2}]}""");
        Assert.That(text, Is.EqualTo(
            "\n" +
            "feeds:\n" +
            "  feed       state            msgs  gaps\n" +
            "  binance-1  connected     1234567\n" +
            "  b2         reconnecting        8     2\n"));
    }

    [Test]
    public void Nested_objects_become_indented_sections_and_multiline_text_is_verbatim()
    {
        string text = Render("stats", """{"ok":true,"gc":{"gen0":3,"pause_ms":1.5},"note":"line 1\nline 2\n"}""");
        Assert.That(text, Is.EqualTo(
            "\n" +
            "gc:\n" +
            "  gen0      3\n" +
            "  pause_ms  1.5\n" +
            "\n" +
            "note:\n" +
            "line 1\n" +
            "line 2\n"));
    }

    [Test]
    public void Health_shows_the_status_then_the_checks()
    {
        string text = Render("health", """{"ok":true,"status":"degraded","reasons":["pinning: cpu 2 not isolated"],"checks":[{"check":"feed","status":"ok","detail":"connected"},{"check":"pinning","status":"degraded","detail":"cpu 2 not isolated"}],"uptime_seconds":5}""");
        Assert.That(text, Is.EqualTo(
            "health: degraded\n" +
            "\n" +
            "check    status    detail\n" +
            "feed     ok        connected\n" +
            "pinning  degraded  cpu 2 not isolated\n" +
            "\n" +
            "uptime_seconds  5\n"));
    }

    [Test]
    public void Help_marks_mutating_verbs_and_options()
    {
        string text = Render("help", """{"ok":true,"verbs":[{"verb":"halt","usage":"halt [REASON...]","mutates":true,"help":"Stop."},{"verb":"latency","usage":"latency [STAGE] [--hgrm] [--reset]","mutates":false,"mutating_options":["--reset"],"help":"Latency."}]}""");
        Assert.That(text, Is.EqualTo(
            "usage                               access                 help\n" +
            "halt [REASON...]                    admin                  Stop.\n" +
            "latency [STAGE] [--hgrm] [--reset]  read (--reset: admin)  Latency.\n"));
    }

    [Test]
    public void Latency_values_are_shown_in_microseconds()
    {
        string text = Render("latency", """{"ok":true,"unit":"ns","stages":[{"stage":"decode","interval":{"seconds":10,"count":5,"p50":1500,"p90":2000,"p99":2500,"p99_9":2600,"p99_99":2700,"max":2800,"mean":1700.5},"since_start":{"seconds":3600,"count":50,"p50":1400,"p90":1900,"p99":2400,"p99_9":2500,"p99_99":2600,"max":99000,"mean":1600}}],"reset":false}""");
        Assert.That(text, Is.EqualTo(
            "latency in microseconds\n" +
            "stage   window                  count    p50    p90    p99  p99.9  p99.99     max   mean\n" +
            "decode  interval (10 s)             5  1.500  2.000  2.500  2.600   2.700   2.800  1.701\n" +
            "decode  since start (01:00:00)     50  1.400  1.900  2.400  2.500   2.600  99.000  1.600\n"));
    }

    [Test]
    public void Metrics_text_is_printed_as_is()
    {
        Assert.That(Render("metrics", """{"ok":true,"content_type":"text/plain","text":"# HELP a_total A.\n# TYPE a_total counter\na_total 1\n"}"""),
            Is.EqualTo("# HELP a_total A.\n# TYPE a_total counter\na_total 1\n"));
    }
}
