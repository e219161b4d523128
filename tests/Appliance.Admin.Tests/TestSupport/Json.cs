using System.Text.Json;

namespace Appliance.Admin.Tests.TestSupport;

public static class Json
{
    public static JsonElement Parse(string? line)
    {
        Assert.That(line, Is.Not.Null, "expected an answer line, the connection closed");
        using var doc = JsonDocument.Parse(line!);
        return doc.RootElement.Clone();
    }

    public static string ErrorCode(JsonElement answer)
    {
        Assert.That(answer.GetProperty("ok").GetBoolean(), Is.False, answer.ToString());
        return answer.GetProperty("error").GetProperty("code").GetString()!;
    }
}
