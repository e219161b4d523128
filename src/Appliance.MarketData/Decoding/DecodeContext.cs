namespace Appliance.MarketData.Decoding;

/// <summary>
/// What the feed knows about a payload that the payload does not say: when it arrived, on which
/// connection, and (for raw partial-depth streams, whose payload carries no symbol) which instrument the
/// connection's single stream is for.
/// </summary>
public readonly record struct DecodeContext(long ReceiveTimestamp, ushort ConnectionId, int DefaultInstrumentId = -1);
