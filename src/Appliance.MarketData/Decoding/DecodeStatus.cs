namespace Appliance.MarketData.Decoding;

/// <summary>Why a message did not decode. Values, not exceptions: bad venue input is expected and counted.</summary>
public enum DecodeStatus : byte
{
    Ok = 0,
    /// <summary>Nothing but whitespace.</summary>
    Empty,
    /// <summary>The JSON ended before the value did (a torn or truncated payload).</summary>
    Truncated,
    /// <summary>Not JSON: an unexpected byte where a token should start or continue.</summary>
    InvalidJson,
    /// <summary>The payload is JSON but not an object.</summary>
    NotAnObject,
    /// <summary>Nested deeper than the decoder follows (an attack or garbage, never a venue message).</summary>
    TooDeep,
    /// <summary>A backslash escape that JSON does not define, or a control byte inside a string.</summary>
    InvalidEscape,
    /// <summary>An id or time that is not an integer in 64 bits.</summary>
    InvalidNumber,
    /// <summary>A price or quantity that is not exact at the instrument's scale (see FixedParseStatus).</summary>
    InvalidDecimal,
    /// <summary>A field the message type requires is absent or has the wrong JSON type.</summary>
    MissingField,
    /// <summary>A depth level that is not an array of at least a price and a quantity.</summary>
    InvalidLevel,
    /// <summary>The symbol is not configured.</summary>
    UnknownSymbol,
    /// <summary>Well-formed, but a message type this decoder does not handle ("e":"kline", ...).</summary>
    UnknownMessage,
}
