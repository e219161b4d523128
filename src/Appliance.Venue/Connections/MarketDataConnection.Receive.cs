using System.Buffers;
using System.Text.Json;
using Appliance.Venue.WebSockets;

namespace Appliance.Venue.Connections;

// Requests: the Binance request protocol
// (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY).
internal sealed partial class MarketDataConnection
{
    private const int MaxStreams = 1024; // Binance's limit per connection

    // Binance writes messages plainly (backticks and quotes in "msg" unescaped).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A text frame is a request; a binary one cannot be.
    private protected override ValueTask<bool> OnMessageAsync(ClientFrame frame)
    {
        _replies.Enqueue(ServerFrames.Frame(ServerFrames.OpText, frame.Opcode == ServerFrames.OpText
            ? HandleRequest(frame.Payload.Span)
            : Error(3, "Invalid JSON: binary frames are not requests", default)));
        Signal.Set();
        return ValueTask.FromResult(true);
    }

    /// <summary>Answers one request as Binance does: <c>{"result":..,"id":..}</c> or <c>{"code":..,"msg":..,"id":..}</c>.</summary>
    internal byte[] HandleRequest(ReadOnlySpan<byte> request)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(request.ToArray());
        }
        catch (JsonException e)
        {
            return Error(3, $"Invalid JSON: {e.Message}", default);
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Error(2, "Invalid request: expected a JSON object", default);
            JsonElement id = default;
            if (root.TryGetProperty("id", out JsonElement idElement))
            {
                bool valid = idElement.ValueKind switch
                {
                    JsonValueKind.Number => idElement.TryGetInt64(out _),
                    JsonValueKind.String => idElement.GetString() is { Length: <= 36 } s && s.All(char.IsAsciiLetterOrDigit),
                    JsonValueKind.Null => true,
                    _ => false,
                };
                if (!valid) return Error(2, "Invalid request: request ID must be an unsigned integer", default);
                id = idElement;
            }
            if (!root.TryGetProperty("method", out JsonElement method) || method.ValueKind != JsonValueKind.String)
                return Error(2, "Invalid request: missing field `method`", id);
            root.TryGetProperty("params", out JsonElement parameters);
            return method.GetString() switch
            {
                "SUBSCRIBE" => Subscribe(parameters, id, add: true),
                "UNSUBSCRIBE" => Subscribe(parameters, id, add: false),
                "LIST_SUBSCRIPTIONS" => Result(id, w =>
                {
                    w.WriteStartArray();
                    foreach (string name in SubscriptionNames()) w.WriteStringValue(name);
                    w.WriteEndArray();
                }),
                "SET_PROPERTY" => SetProperty(parameters, id),
                "GET_PROPERTY" => GetProperty(parameters, id),
                string other => Error(2, $"Invalid request: unknown variant `{other}`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", id),
                null => Error(2, "Invalid request: missing field `method`", id),
            };
        }
    }

    private byte[] Subscribe(JsonElement parameters, JsonElement id, bool add)
    {
        if (parameters.ValueKind != JsonValueKind.Array) return Error(2, "Invalid request: params must be an array of stream names", id);
        var slots = new List<int>();
        foreach (JsonElement p in parameters.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.String) return Error(2, "Invalid request: stream names must be strings", id);
            string name = p.GetString()!;
            // Binance accepts any name and stays silent; the simulator says which name it does not serve.
            if (!_catalog.TryParse(name, out int instrument, out var kind))
                return Error(2, $"Invalid request: unknown stream '{name}'", id);
            slots.Add(Streams.StreamCatalog.Slot(instrument, kind));
        }
        if (add && SubscriptionCount + slots.Count > MaxStreams) return Error(2, $"Invalid request: more than {MaxStreams} streams", id);
        foreach (int slot in slots)
        {
            if (add) AddSubscription(slot);
            else RemoveSubscription(slot);
        }
        return Result(id, w => w.WriteNullValue());
    }

    private byte[] SetProperty(JsonElement parameters, JsonElement id)
    {
        if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0 || parameters[0].ValueKind != JsonValueKind.String)
            return Error(2, "Invalid request: property name must be a string", id);
        if (parameters[0].GetString() != "combined") return Error(0, "Unknown property", id);
        if (parameters.GetArrayLength() != 2 || parameters[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return Error(1, "Invalid value type: expected Boolean", id);
        SetCombined(parameters[1].GetBoolean());
        return Result(id, w => w.WriteNullValue());
    }

    private byte[] GetProperty(JsonElement parameters, JsonElement id)
    {
        if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0 || parameters[0].ValueKind != JsonValueKind.String)
            return Error(2, "Invalid request: property name must be a string", id);
        if (parameters[0].GetString() != "combined") return Error(0, "Unknown property", id);
        bool combined = Combined;
        return Result(id, w => w.WriteBooleanValue(combined));
    }

    private static byte[] Result(JsonElement id, Action<Utf8JsonWriter> writeResult)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("result");
            writeResult(w);
            WriteId(w, id);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Error(int code, string message, JsonElement id)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("msg", message);
            WriteId(w, id);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteId(Utf8JsonWriter w, JsonElement id)
    {
        w.WritePropertyName("id");
        if (id.ValueKind == JsonValueKind.Undefined) w.WriteNullValue();
        else id.WriteTo(w);
    }
}
