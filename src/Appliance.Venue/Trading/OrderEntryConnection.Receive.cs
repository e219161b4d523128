using System.Buffers;
using System.Text.Json;
using Appliance.Venue.Faults;
using Appliance.Venue.Market;
using Appliance.Venue.WebSockets;

namespace Appliance.Venue.Trading;

// Requests: JSON-RPC 2.0, checked here, executed by the matching engine.
internal sealed partial class OrderEntryConnection
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private FaultRecord? _dropOnRequest;
    private volatile bool _dropping; // the sender holds everything back: the connection is about to drop

    private protected override ValueTask<bool> OnMessageAsync(ClientFrame frame) => new(HandleAsync(frame.Payload));

    /// <summary>Handles one request; false when the connection was dropped by a fault.</summary>
    private async Task<bool> HandleAsync(ReadOnlyMemory<byte> payload)
    {
        long? id = null;
        string method = "";
        JsonDocument? doc = null;
        try
        {
            try
            {
                doc = JsonDocument.Parse(payload);
            }
            catch (JsonException e)
            {
                throw new RpcException(RpcException.ParseError, $"Parse error: {e.Message}");
            }
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new RpcException(RpcException.InvalidRequest, "Invalid request: expected one JSON object (batches are not supported)");
            if (root.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out long parsedId)) id = parsedId;
            else throw new RpcException(RpcException.InvalidRequest, "Invalid request: 'id' must be an integer (client notifications are not supported)");
            if (!root.TryGetProperty("jsonrpc", out JsonElement version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
                throw new RpcException(RpcException.InvalidRequest, "Invalid request: 'jsonrpc' must be \"2.0\"");
            if (!root.TryGetProperty("method", out JsonElement methodElement) || methodElement.ValueKind != JsonValueKind.String)
                throw new RpcException(RpcException.InvalidRequest, "Invalid request: 'method' must be a string");
            method = methodElement.GetString()!;
            JsonElement parameters = root.TryGetProperty("params", out JsonElement p) ? p : default;
            if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
                throw new RpcException(RpcException.InvalidParams, "'params' must be an object");

            if (!_bucket.TryTake())
            {
                Interlocked.Increment(ref _rateLimited);
                throw new RpcException(RpcException.RateLimited, $"rate limited: more than {_venue.Options.OrderRate} requests per second on this connection");
            }

            FaultRecord? drop = Volatile.Read(ref _dropOnRequest);
            if (drop is not null && (drop.Spec.Method is null || drop.Spec.Method == method))
            {
                Volatile.Write(ref _dropOnRequest, null);
                _dropping = true;
                string processed = "not processed";
                if (drop.Spec.Process)
                {
                    try { await DispatchAsync(method, parameters, id.Value); processed = "processed"; }
                    catch (RpcException e) { processed = $"processed (refused: {e.Code})"; }
                }
                drop.Finish(note: $"dropped on request {id} ({method}), {processed}, no answer sent");
                _closeDescription = $"dropped by fault {drop.Id} on request {id}";
                _dropVariant = drop.Spec.Variant;
                _dropNow = true;
                Signal.Set();
                return false;
            }

            byte[] answer = await DispatchAsync(method, parameters, id.Value);
            Interlocked.Increment(ref _answers);
            Enqueue(answer, isAnswer: true);
        }
        catch (RpcException e)
        {
            Interlocked.Increment(ref _errors);
            Enqueue(Error(id, e.Code, e.Message), isAnswer: true);
        }
        catch (ObjectDisposedException)
        {
            return false; // the venue is stopping
        }
        finally
        {
            doc?.Dispose();
        }
        return true;
    }

    private async Task<byte[]> DispatchAsync(string method, JsonElement p, long id)
    {
        MarketGenerator engine = _venue.Generator;
        if (method == "public/login") return await LoginAsync(p, id);
        if (!method.StartsWith("private/", StringComparison.Ordinal) || method is not ("private/insert" or "private/amend" or "private/cancel" or
            "private/cancel_all" or "private/open_orders" or "private/positions"))
            throw new RpcException(RpcException.MethodNotFound, $"Method not found: '{method}'");
        Account account = Account ?? throw new RpcException(RpcException.NotLoggedIn, "not logged in: call public/login first");
        return method switch
        {
            "private/insert" => await engine.InsertAsync(account, id, ParseInsert(p)),
            "private/amend" => await engine.AmendAsync(account, id, ParseAmend(p)),
            "private/cancel" => await engine.CancelAsync(account, id, ParseOrderRef(p)),
            "private/cancel_all" => await engine.CancelAllAsync(account, id, OptionalInstrument(p)),
            "private/open_orders" => await engine.OpenOrdersAsync(account, id),
            _ => await engine.PositionsAsync(account, id),
        };
    }

    private async Task<byte[]> LoginAsync(JsonElement p, long id)
    {
        string key = RequiredString(p, "key");
        if (key.Length == 0) throw new RpcException(RpcException.InvalidParams, "'key' is empty");
        if (_venue.Options.ApiKey is { } expected && key != expected) throw new RpcException(RpcException.LoginRefused, "login refused: unknown key");
        if (Account is not null)
        {
            if (Account.Name == key) return MarketGenerator.Answer(id, w => WriteAccount(w, key));
            throw new RpcException(RpcException.InvalidRequest, $"already logged in as '{Account.Name}'");
        }
        Account = await _venue.Generator.LoginAsync(this, key);
        return MarketGenerator.Answer(id, w => WriteAccount(w, key));
    }

    private static void WriteAccount(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject();
        w.WriteString("account", name);
        w.WriteEndObject();
    }

    private InsertRequest ParseInsert(JsonElement p)
    {
        long clientOrderId = RequiredLong(p, "client_order_id");
        (int instrument, VenueInstrument spec) = Instrument(RequiredString(p, "instrument_name"));
        bool buy = RequiredString(p, "direction") switch
        {
            "buy" => true,
            "sell" => false,
            string d => throw new RpcException(RpcException.InvalidParams, $"'direction' must be buy or sell, not '{d}'"),
        };
        string type = OptionalString(p, "order_type") ?? "limit";
        if (type is not ("limit" or "market")) throw new RpcException(RpcException.InvalidParams, $"'order_type' must be limit or market, not '{type}'");
        bool market = type == "market";
        long price = market ? 0 : Decimal(p, "price", spec.Instrument.PriceScale, spec.TickUnits, "tick");
        long amount = Decimal(p, "amount", spec.Instrument.QuantityScale, spec.LotUnits, "lot");
        string tif = OptionalString(p, "time_in_force") ?? "good_till_cancelled";
        if (tif is not ("good_till_cancelled" or "immediate_or_cancel"))
            throw new RpcException(RpcException.InvalidParams, $"'time_in_force' must be good_till_cancelled or immediate_or_cancel, not '{tif}'");
        bool postOnly = OptionalBool(p, "post_only") ?? false;
        if (postOnly && (market || tif == "immediate_or_cancel"))
            throw new RpcException(RpcException.InvalidParams, "'post_only' needs a good_till_cancelled limit order");
        return new InsertRequest(clientOrderId, instrument, buy, market, price, amount, tif == "immediate_or_cancel", postOnly);
    }

    private static AmendRequest ParseAmend(JsonElement p)
    {
        OrderRef order = ParseOrderRef(p);
        string? price = OptionalString(p, "price");
        string? amount = OptionalString(p, "amount");
        if (price is null && amount is null) throw new RpcException(RpcException.InvalidParams, "amend needs 'price', 'amount' or both");
        // Checked by the engine against the order's instrument (an order_id does not say which it is).
        return new AmendRequest(order, price, amount);
    }

    private static OrderRef ParseOrderRef(JsonElement p)
    {
        string? orderId = OptionalString(p, "order_id");
        long? clientOrderId = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("client_order_id", out _) ? RequiredLong(p, "client_order_id") : null;
        if (orderId is null && clientOrderId is null) throw new RpcException(RpcException.InvalidParams, "name the order by 'order_id' or 'client_order_id'");
        return new OrderRef(orderId, orderId is null ? clientOrderId : null);
    }

    private int? OptionalInstrument(JsonElement p) =>
        OptionalString(p, "instrument_name") is { } name ? Instrument(name).Index : null;

    private (int Index, VenueInstrument Spec) Instrument(string name)
    {
        if (!_venue.Catalog.TryGetInstrument(name, out int index))
            throw new RpcException(RpcException.UnknownInstrument, $"unknown instrument '{name}'");
        return (index, _venue.Catalog.Instruments[index]);
    }

    private static long Decimal(JsonElement p, string name, int scale, long step, string stepName)
    {
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty(name, out JsonElement e))
            throw new RpcException(RpcException.InvalidParams, $"'{name}' is required");
        if (e.ValueKind != JsonValueKind.String) throw new RpcException(RpcException.InvalidParams, $"'{name}' must be a decimal string (\"64250.10\"), not {e.ValueKind}");
        return OrderDecimals.Parse(name, e.GetString()!, scale, step, stepName);
    }

    private static string RequiredString(JsonElement p, string name) =>
        OptionalString(p, name) ?? throw new RpcException(RpcException.InvalidParams, $"'{name}' is required");

    private static string? OptionalString(JsonElement p, string name)
    {
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw new RpcException(RpcException.InvalidParams, $"'{name}' must be a string");
    }

    private static long RequiredLong(JsonElement p, string name)
    {
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty(name, out JsonElement e)) throw new RpcException(RpcException.InvalidParams, $"'{name}' is required");
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : throw new RpcException(RpcException.InvalidParams, $"'{name}' must be an integer");
    }

    private static bool? OptionalBool(JsonElement p, string name)
    {
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RpcException(RpcException.InvalidParams, $"'{name}' must be true or false"),
        };
    }

    private static byte[] Error(long? id, int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            if (id is { } i) w.WriteNumber("id", i);
            else w.WriteNull("id");
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
