using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// What one decode did. <see cref="EventCount"/> is how many slots the decoder claimed from the sink:
/// on success, the events produced; on failure usually 0, but a depth message whose bad level comes after
/// the first event filled may leave claimed slots with partial contents, which the caller must overwrite
/// or not publish. <see cref="Offset"/> is the byte offset in the payload where a failure was found.
/// </summary>
/// <remarks>
/// Two fields, each exactly one return register: status, type and count packed in one long, the offset in
/// an int. Four separate fields (two bytes and two ints) were assembled in memory with narrow stores and
/// read back as one wide load, a store-forwarding stall of ~5 ns on every decode (measured in perf).
/// </remarks>
public readonly struct DecodeResult : IEquatable<DecodeResult>
{
    private readonly long _head;   // bits 0-7 status, 8-15 message type, 32-63 event count
    private readonly int _offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DecodeResult(DecodeStatus status, BinanceMessageType messageType, int eventCount, int offset)
    {
        _head = (long)status | (long)messageType << 8 | (long)eventCount << 32;
        _offset = offset;
    }

    public DecodeStatus Status => (DecodeStatus)(byte)_head;

    public BinanceMessageType MessageType => (BinanceMessageType)(byte)(_head >> 8);

    public int EventCount => (int)(_head >> 32);

    public int Offset => _offset;

    public bool IsOk => Status == DecodeStatus.Ok;

    public static DecodeResult Fail(DecodeStatus status, int offset, int eventCount = 0, BinanceMessageType type = BinanceMessageType.Unknown) =>
        new(status, type, eventCount, offset);

    public bool Equals(DecodeResult other) => _head == other._head && _offset == other._offset;

    public override bool Equals(object? obj) => obj is DecodeResult other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_head, _offset);

    public static bool operator ==(DecodeResult left, DecodeResult right) => left.Equals(right);

    public static bool operator !=(DecodeResult left, DecodeResult right) => !left.Equals(right);

    public override string ToString() => IsOk
        ? $"{MessageType}: {EventCount} event(s)"
        : $"{Status} at byte {Offset} ({MessageType}, {EventCount} slot(s) claimed)";
}
