using System.Buffers;
using System.Text.Json;

namespace Appliance.Admin.Protocol;

/// <summary>The two shapes of an answer's envelope: <c>{"ok":true,…}</c> and <c>{"ok":false,"error":{…}}</c>.</summary>
public static class AnswerWriter
{
    /// <summary>Opens a success answer; the caller writes its properties and then <see cref="Utf8JsonWriter.WriteEndObject"/>.</summary>
    public static void BeginOk(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", true);
    }

    /// <summary>Writes a whole error answer.</summary>
    public static void WriteError(Utf8JsonWriter json, string code, string message, string? usage = null)
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", false);
        json.WriteStartObject("error");
        json.WriteString("code", code);
        json.WriteString("message", message);
        if (usage is not null) json.WriteString("usage", usage);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A whole error answer as one UTF-8 line with its LF (for answers sent outside a connection's loop).</summary>
    public static byte[] ErrorLine(string code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, AdminProtocol.WriterOptions)) WriteError(json, code, message);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
