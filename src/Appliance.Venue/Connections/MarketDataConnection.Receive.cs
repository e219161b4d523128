using System.Buffers;
using System.Text.Json;
using Appliance.Venue.WebSockets;

namespace Appliance.Venue.Connections;

// The receive loop: the client's pings, close and the Binance request protocol
// (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY).
internal sealed partial class MarketDataConnection
{
    private const int MaxStreams = 1024; // Binance's limit per connection

    // Binance writes messages plainly (backticks and quotes in "msg" unescaped).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task ReceiveLoopAsync()
    {
        var reader = new ClientFrameReader(_stream);
        while (true)
        {
            ClientFrame? read = await reader.ReadAsync(_ended.Token);
            if (read is not { } frame)
            {
                if (reader.Error is not null)
                {
                    _closeDescription ??= $"protocol error from the client: {reader.Error}";
                    _closeReply = ServerFrames.Close(reader.ErrorCloseCode, reader.Error.Length <= 120 ? reader.Error : "protocol error");
                    _clientClosed = true;
                }
                else if (!_ended.IsCancellationRequested)
                {
                    _closeDescription ??= "the client went away without a close frame";
                    _ended.Cancel();
                }
                Signal.Set();
                return;
            }
            switch (frame.Opcode)
            {
                case ServerFrames.OpText:
                    Interlocked.Increment(ref _requests);
                    _replies.Enqueue(ServerFrames.Frame(ServerFrames.OpText, HandleRequest(frame.Payload.Span)));
                    Signal.Set();
                    break;
                case ServerFrames.OpBinary:
                    Interlocked.Increment(ref _requests);
                    _replies.Enqueue(ServerFrames.Frame(ServerFrames.OpText, Error(3, "Invalid JSON: binary frames are not requests", default)));
                    Signal.Set();
                    break;
                case ServerFrames.OpPing:
                    Interlocked.Increment(ref _pingsReceived);
                    _controls.Enqueue(ServerFrames.Frame(ServerFrames.OpPong, frame.Payload.Span));
                    Signal.Set();
                    break;
                case ServerFrames.OpPong:
                    Interlocked.Increment(ref _pongsReceived);
                    break;
                case ServerFrames.OpClose:
                    // Echo the client's status code (RFC 6455 5.5.1); no code → 1000.
                    _closeReply = ServerFrames.Frame(ServerFrames.OpClose, frame.Payload.Length >= 2 ? frame.Payload.Span[..2] : [0x03, 0xE8]);
                    _clientClosed = true;
                    Signal.Set();
                    return;
            }
        }
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
