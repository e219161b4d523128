namespace Appliance.MarketData.Decoding;

/// <summary>
/// What one decode did. <see cref="EventCount"/> is how many slots the decoder claimed from the sink:
/// on success, the events produced; on failure usually 0, but a depth message whose bad level comes after
/// the first event filled may leave claimed slots with partial contents, which the caller must overwrite
/// or not publish. <see cref="Offset"/> is the byte offset in the payload where a failure was found.
/// </summary>
public readonly record struct DecodeResult(DecodeStatus Status, BinanceMessageType MessageType, int EventCount, int Offset)
{
    public bool IsOk => Status == DecodeStatus.Ok;

    public static DecodeResult Fail(DecodeStatus status, int offset, int eventCount = 0, BinanceMessageType type = BinanceMessageType.Unknown) =>
        new(status, type, eventCount, offset);

    public override string ToString() => IsOk
        ? $"{MessageType}: {EventCount} event(s)"
        : $"{Status} at byte {Offset} ({MessageType}, {EventCount} slot(s) claimed)";
}
