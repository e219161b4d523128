using System.Text.Json;

namespace Appliance.Admin.Client;

/// <summary>One answer line as received, and parsed.</summary>
public sealed class AdminAnswer : IDisposable
{
    private AdminAnswer(string line, JsonDocument document)
    {
        Line = line;
        Document = document;
        JsonElement root = document.RootElement;
        Ok = root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;
        if (!Ok && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            ErrorCode = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            ErrorMessage = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            Usage = error.TryGetProperty("usage", out var u) ? u.GetString() : null;
        }
    }

    /// <summary>The answer exactly as sent, without its LF.</summary>
    public string Line { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public bool Ok { get; }

    /// <summary><c>error.code</c> of an error answer (see <see cref="Protocol.AdminErrorCode"/>).</summary>
    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    /// <summary>The verb's usage, sent with usage errors.</summary>
    public string? Usage { get; }

    /// <exception cref="AdminClientException">Protocol: the line is not a JSON object with "ok".</exception>
    public static AdminAnswer Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new AdminClientException(AdminClientFailure.Protocol, $"the answer is not JSON: {e.Message}", e);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("ok", out _))
        {
            document.Dispose();
            throw new AdminClientException(AdminClientFailure.Protocol, "the answer is not an object with \"ok\"");
        }
        return new AdminAnswer(line, document);
    }

    public void Dispose() => Document.Dispose();
}
