using System.Buffers;
using System.Text.Json;
using Appliance.Admin.Answers;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Tests.Answers;

public class HealthReportTests
{
    [Test]
    public void Status_is_the_worst_check_and_reasons_are_the_checks_that_are_not_ok()
    {
        var report = new HealthReport()
            .Ok("feed binance-1", "connected, last event 2 ms ago")
            .Degraded("pinning", "cpu 2 is not isolated")
            .Ok("watchdog", "pinging");
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Degraded));
        var json = Write(report);
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("degraded"));
        Assert.That(json.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "pinning: cpu 2 is not isolated" }));
        Assert.That(json.GetProperty("checks").GetArrayLength(), Is.EqualTo(3));
        Assert.That(json.GetProperty("checks")[0].GetProperty("status").GetString(), Is.EqualTo("ok"));

        report.Failing("feed binance-2", "no event for 30 s");
        Assert.That(Write(report).GetProperty("status").GetString(), Is.EqualTo("failing"));
    }

    [Test]
    public void No_checks_is_ok()
    {
        Assert.That(Write(new HealthReport()).GetProperty("status").GetString(), Is.EqualTo("ok"));
    }

    private static JsonElement Write(HealthReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, AdminProtocol.WriterOptions))
        {
            AnswerWriter.BeginOk(w);
            report.WriteTo(w);
            w.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
