using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;

namespace Appliance.WebSockets.Frames;

/// <summary>
/// Parses server frames from a <see cref="ReadOnlySequence{T}"/> and hands whole messages to a handler.
/// Frames that lie in one segment are parsed straight from its span and an unfragmented message is handed
/// over in place; a frame that straddles segments, and every fragment, is copied into a reassembly buffer
/// so the handler always sees one contiguous span. Control frames are returned to the caller (who owns the
/// socket and answers pings and closes). Remote misbehaviour is a <see cref="WebSocketError"/> value, never
/// an exception. Single-threaded: one receive thread owns a parser.
/// </summary>
public sealed class FrameParser : IDisposable
{
    // Private to the parse loop: the frame was handled, keep going.
    private const ParseStatus Continue = (ParseStatus)0xFF;

    private readonly int _maxFrameSize;
    private readonly int _maxMessageSize;
    private readonly bool _validateUtf8;
    private readonly MessageInflater? _inflater;
    private readonly WebSocketCounters _counters;

    private byte[] _message;          // reassembly: fragments, and frames that straddle segments
    private int _messageLength;
    private Opcode _messageOpcode;    // Continuation = no fragmented message in progress
    private bool _messageCompressed;
    private long _messageOffset;
    private byte[] _inflated;

    private readonly byte[] _control = new byte[125];
    private int _controlLength;
    private Opcode _controlOpcode;
    private ushort _closeCode;

    private long _offset;             // stream offset of the next unparsed byte
    private WebSocketError _error;

    public FrameParser(FrameParserSettings settings, WebSocketCounters? counters = null)
    {
        if (settings.MaxFrameSize <= 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(settings), "MaxFrameSize must be positive");
        if (settings.MaxMessageSize <= 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(settings), "MaxMessageSize must be positive");
        _maxFrameSize = settings.MaxFrameSize;
        _maxMessageSize = settings.MaxMessageSize;
        _validateUtf8 = settings.ValidateUtf8;
        _counters = counters ?? new WebSocketCounters();
        int initial = Math.Min(Math.Max(settings.InitialMessageBufferSize, 256), _maxMessageSize);
        _message = new byte[initial];
        _inflated = settings.Deflate ? new byte[initial] : [];
        _inflater = settings.Deflate ? new MessageInflater() : null;
    }

    public WebSocketCounters Counters => _counters;

    /// <summary>The failure after <see cref="ParseStatus.Error"/>.</summary>
    public WebSocketError Error => _error;

    /// <summary>Bytes consumed since the parser started (the stream offset of the next frame).</summary>
    public long Offset => _offset;

    /// <summary>Whether a fragmented message is waiting for its continuation frames.</summary>
    public bool InMessage => _messageOpcode != Opcode.Continuation;

    /// <summary>After <see cref="ParseStatus.ControlFrame"/>: Close, Ping or Pong.</summary>
    public Opcode ControlOpcode => _controlOpcode;

    /// <summary>After <see cref="ParseStatus.ControlFrame"/>: the payload (copied; valid until the next Parse).</summary>
    public ReadOnlySpan<byte> ControlPayload => _control.AsSpan(0, _controlLength);

    /// <summary>After a Close control frame: its code, or 1005 when it had none.</summary>
    public ushort CloseCode => _closeCode;

    /// <summary>After a Close control frame: the UTF-8 reason (validated).</summary>
    public ReadOnlySpan<byte> CloseReason => _controlLength > 2 ? _control.AsSpan(2, _controlLength - 2) : default;

    /// <summary>
    /// Consumes complete frames from the front of <paramref name="buffer"/> (which is sliced past them),
    /// delivering messages to <paramref name="handler"/>, until the data runs out, a control frame needs the
    /// caller, or the stream breaks the protocol.
    /// </summary>
    public ParseStatus Parse<THandler>(ref ReadOnlySequence<byte> buffer, ref THandler handler, long receiveTimestamp)
        where THandler : IWebSocketMessageHandler
    {
        if (_error.Kind != WebSocketErrorKind.None) return ParseStatus.Error;
        while (true)
        {
            ReadOnlyMemory<byte> first = buffer.First;
            ParseStatus status = ParseSegment(first, ref handler, receiveTimestamp, out int used);
            bool singleSegment = buffer.IsSingleSegment;
            if (used != 0) buffer = buffer.Slice(used);
            if (status != ParseStatus.NeedMoreData || singleSegment) return status;
            if (used != 0 && used == first.Length)
            {
                if (buffer.IsEmpty) return status;
                continue; // the next segment starts with a frame
            }

            // The next frame starts in one segment and ends in another.
            status = ParseStraddling(ref buffer, ref handler, receiveTimestamp);
            if (status != Continue) return status;
        }
    }

    /// <summary>The fast path: every frame that lies wholly inside one contiguous segment.</summary>
    private ParseStatus ParseSegment<THandler>(ReadOnlyMemory<byte> segment, ref THandler handler, long timestamp, out int used)
        where THandler : IWebSocketMessageHandler
    {
        ReadOnlySpan<byte> span = segment.Span;
        int pos = 0;
        while (true)
        {
            HeaderStatus hs = FrameHeader.TryRead(span.Slice(pos), out FrameHeader header);
            if (hs != HeaderStatus.Ok)
            {
                used = pos;
                return hs == HeaderStatus.NeedMoreData ? ParseStatus.NeedMoreData : FailInvalidLength(span.Slice(pos));
            }
            bool whole = IsWholeDataMessage(in header);
            if (!whole && !IsValidSlow(in header))
            {
                used = pos;
                return ParseStatus.Error;
            }
            if (header.FrameLength > span.Length - pos)
            {
                used = pos;
                return ParseStatus.NeedMoreData;
            }
            int payloadStart = pos + header.HeaderLength;
            int payloadLength = (int)header.PayloadLength;
            long frameOffset = _offset;
            pos = payloadStart + payloadLength;
            _offset += header.FrameLength;
            ParseStatus status;
            if (whole)
            {
                // The market-data case, handed over straight from the span: no per-frame dispatch.
                _counters.FramesReceivedField++;
                status = Deliver(span.Slice(payloadStart, payloadLength), header.Opcode == Opcode.Text, frameOffset, ref handler, timestamp);
            }
            else
            {
                status = OnFrame(in header, segment.Slice(payloadStart, payloadLength), false, frameOffset, ref handler, timestamp);
            }
            if (status != Continue)
            {
                used = pos;
                return status;
            }
        }
    }

    /// <summary>The slow path for one frame whose bytes span segments: copy, then handle as contiguous.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseStatus ParseStraddling<THandler>(ref ReadOnlySequence<byte> buffer, ref THandler handler, long timestamp)
        where THandler : IWebSocketMessageHandler
    {
        Span<byte> headerBytes = stackalloc byte[FrameHeader.MaxSize];
        int available = (int)Math.Min(buffer.Length, FrameHeader.MaxSize);
        buffer.Slice(0, available).CopyTo(headerBytes);
        HeaderStatus hs = FrameHeader.TryRead(headerBytes.Slice(0, available), out FrameHeader header);
        if (hs == HeaderStatus.NeedMoreData) return ParseStatus.NeedMoreData;
        if (hs == HeaderStatus.InvalidLength) return FailInvalidLength(headerBytes.Slice(0, available));
        if (!IsValid(in header)) return ParseStatus.Error;
        if (buffer.Length < header.FrameLength) return ParseStatus.NeedMoreData;

        ReadOnlySequence<byte> payload = buffer.Slice(header.HeaderLength, header.PayloadLength);
        int length = (int)header.PayloadLength;
        long frameOffset = _offset;
        ReadOnlyMemory<byte> contiguous;
        bool inReassembly = false;
        if (payload.IsSingleSegment)
        {
            contiguous = payload.First; // only the header straddled
        }
        else if (header.IsControl)
        {
            payload.CopyTo(_control);
            contiguous = _control.AsMemory(0, length);
        }
        else
        {
            // A fragment lands after what is already assembled; a whole message (nothing in progress) at 0.
            EnsureMessageCapacity(_messageLength + length);
            payload.CopyTo(_message.AsSpan(_messageLength));
            contiguous = _message.AsMemory(_messageLength, length);
            inReassembly = true;
        }
        ParseStatus status = OnFrame(in header, contiguous, inReassembly, frameOffset, ref handler, timestamp);
        buffer = buffer.Slice(header.FrameLength);
        _offset += header.FrameLength;
        return status;
    }

    private ParseStatus OnFrame<THandler>(in FrameHeader header, ReadOnlyMemory<byte> payload, bool inReassembly, long frameOffset, ref THandler handler, long timestamp)
        where THandler : IWebSocketMessageHandler
    {
        _counters.FramesReceivedField++;
        if (header.IsControl) return OnControlFrame(in header, payload.Span, frameOffset);

        Opcode opcode = header.Opcode;
        if (header.Fin && opcode != Opcode.Continuation)
        {
            // A whole message in one frame: in place, no copy.
            return header.Rsv1
                ? InflateAndDeliver(payload, opcode == Opcode.Text, frameOffset, ref handler, timestamp)
                : Deliver(payload.Span, opcode == Opcode.Text, frameOffset, ref handler, timestamp);
        }
        return OnFragment(in header, payload, inReassembly, frameOffset, ref handler, timestamp);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseStatus OnFragment<THandler>(in FrameHeader header, ReadOnlyMemory<byte> payload, bool inReassembly, long frameOffset, ref THandler handler, long timestamp)
        where THandler : IWebSocketMessageHandler
    {
        if (header.Opcode != Opcode.Continuation)
        {
            _messageOpcode = header.Opcode;
            _messageCompressed = header.Rsv1;
            _messageOffset = frameOffset;
            _messageLength = 0;
        }
        if (!inReassembly)
        {
            EnsureMessageCapacity(_messageLength + payload.Length);
            payload.Span.CopyTo(_message.AsSpan(_messageLength));
        }
        _messageLength += payload.Length;
        if (!header.Fin) return Continue;

        bool isText = _messageOpcode == Opcode.Text;
        int length = _messageLength;
        _messageOpcode = Opcode.Continuation;
        _messageLength = 0;
        return _messageCompressed
            ? InflateAndDeliver(_message.AsMemory(0, length), isText, _messageOffset, ref handler, timestamp)
            : Deliver(_message.AsSpan(0, length), isText, _messageOffset, ref handler, timestamp);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ParseStatus Deliver<THandler>(ReadOnlySpan<byte> message, bool isText, long messageOffset, ref THandler handler, long timestamp)
        where THandler : IWebSocketMessageHandler
    {
        if (isText && _validateUtf8 && !Utf8Text.IsValid(message))
            return Fail(new WebSocketError(WebSocketErrorKind.InvalidUtf8, messageOffset, Opcode.Text, message.Length));
        _counters.MessagesReceivedField++;
        _counters.MessageBytesReceivedField += message.Length;
        handler.OnMessage(message, isText, timestamp);
        return Continue;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseStatus InflateAndDeliver<THandler>(ReadOnlyMemory<byte> compressed, bool isText, long messageOffset, ref THandler handler, long timestamp)
        where THandler : IWebSocketMessageHandler
    {
        Opcode opcode = isText ? Opcode.Text : Opcode.Binary;
        InflateStatus status = _inflater!.Inflate(compressed, ref _inflated, _maxMessageSize, out int written);
        if (status == InflateStatus.TooLarge)
            return Fail(new WebSocketError(WebSocketErrorKind.MessageTooLarge, messageOffset, opcode, written, _maxMessageSize));
        if (status == InflateStatus.InvalidData)
            return Fail(new WebSocketError(WebSocketErrorKind.InflateFailed, messageOffset, opcode, compressed.Length));
        return Deliver(_inflated.AsSpan(0, written), isText, messageOffset, ref handler, timestamp);
    }

    private ParseStatus OnControlFrame(in FrameHeader header, ReadOnlySpan<byte> payload, long frameOffset)
    {
        if (payload.Length > 0 && !payload.Overlaps(_control)) payload.CopyTo(_control);
        _controlLength = payload.Length;
        _controlOpcode = header.Opcode;
        if (header.Opcode == Opcode.Close)
        {
            if (payload.Length == 1)
                return Fail(new WebSocketError(WebSocketErrorKind.InvalidClosePayload, frameOffset, Opcode.Close, 1));
            if (payload.Length >= 2)
            {
                ushort code = BinaryPrimitives.ReadUInt16BigEndian(payload);
                if (!Errors.CloseCode.IsValidOnWire(code))
                    return Fail(new WebSocketError(WebSocketErrorKind.InvalidCloseCode, frameOffset, Opcode.Close, payload.Length, code));
                if (!Utf8Text.IsValid(payload.Slice(2)))
                    return Fail(new WebSocketError(WebSocketErrorKind.InvalidUtf8, frameOffset, Opcode.Close, payload.Length));
                _closeCode = code;
            }
            else
            {
                _closeCode = Errors.CloseCode.NoStatusReceived;
            }
        }
        return ParseStatus.ControlFrame;
    }

    /// <summary>Every rule a header can break given the parser's state (RFC 6455 5.2, 5.4, 5.5; RFC 7692 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsValid(in FrameHeader header) => IsWholeDataMessage(in header) || IsValidSlow(in header);

    /// <summary>
    /// The market-data case, valid by construction: FIN, no RSV bit (so not compressed), text or binary,
    /// unmasked, not inside a fragmented message, within the limits. Anything else goes through
    /// <see cref="IsValidSlow"/>, which knows every rule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWholeDataMessage(in FrameHeader header) =>
        (header.First & 0xF0) == 0x80 && header.Opcode is Opcode.Text or Opcode.Binary && !header.Masked
        && _messageOpcode == Opcode.Continuation && header.PayloadLength <= _maxFrameSize && header.PayloadLength <= _maxMessageSize;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool IsValidSlow(in FrameHeader header)
    {
        Opcode opcode = header.Opcode;
        long length = header.PayloadLength;
        if (header.Rsv2 || header.Rsv3) return FailHeader(WebSocketErrorKind.ReservedBitsSet, in header);
        switch (opcode)
        {
            case Opcode.Continuation:
                if (_messageOpcode == Opcode.Continuation) return FailHeader(WebSocketErrorKind.UnexpectedContinuation, in header);
                if (header.Rsv1) return FailHeader(WebSocketErrorKind.ReservedBitsSet, in header);
                break;
            case Opcode.Text:
            case Opcode.Binary:
                if (_messageOpcode != Opcode.Continuation) return FailHeader(WebSocketErrorKind.ExpectedContinuation, in header);
                if (header.Rsv1 && _inflater is null) return FailHeader(WebSocketErrorKind.CompressionNotNegotiated, in header);
                break;
            case Opcode.Close:
            case Opcode.Ping:
            case Opcode.Pong:
                if (!header.Fin) return FailHeader(WebSocketErrorKind.FragmentedControlFrame, in header);
                if (length > 125) return FailHeader(WebSocketErrorKind.ControlFrameTooLong, in header);
                if (header.Rsv1) return FailHeader(WebSocketErrorKind.ReservedBitsSet, in header);
                break;
            default:
                return FailHeader(WebSocketErrorKind.UnknownOpcode, in header);
        }
        if (header.Masked) return FailHeader(WebSocketErrorKind.MaskedFrameFromServer, in header);
        if (length > _maxFrameSize) return FailHeader(WebSocketErrorKind.FrameTooLarge, in header, _maxFrameSize);
        if (!header.IsControl && length > _maxMessageSize - (opcode == Opcode.Continuation ? _messageLength : 0))
        {
            _error = new WebSocketError(WebSocketErrorKind.MessageTooLarge, _offset, opcode,
                (opcode == Opcode.Continuation ? _messageLength : 0) + length, _maxMessageSize);
            _counters.ProtocolErrorsField++;
            return false;
        }
        return true;
    }

    private bool FailHeader(WebSocketErrorKind kind, in FrameHeader header, long limit = -1)
    {
        Fail(new WebSocketError(kind, _offset, header.Opcode, header.PayloadLength, limit));
        return false;
    }

    private ParseStatus FailInvalidLength(ReadOnlySpan<byte> frame) =>
        Fail(new WebSocketError(WebSocketErrorKind.InvalidPayloadLength, _offset, (Opcode)(frame[0] & 0x0F)));

    private ParseStatus Fail(WebSocketError error)
    {
        _error = error;
        _counters.ProtocolErrorsField++;
        return ParseStatus.Error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureMessageCapacity(int needed)
    {
        if (needed > _message.Length) GrowMessage(needed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowMessage(int needed)
    {
        // Limits were checked against the header before any copy, so needed ≤ max message size.
        int size = (int)Math.Min(Math.Max((long)_message.Length * 2, needed), _maxMessageSize);
        Array.Resize(ref _message, size);
    }

    /// <summary>
    /// Forgets all stream state (for replaying another stream through the same buffers). Not for a live
    /// connection with deflate context takeover: the inflater's window is kept.
    /// </summary>
    public void Reset()
    {
        _messageLength = 0;
        _messageOpcode = Opcode.Continuation;
        _messageCompressed = false;
        _controlLength = 0;
        _closeCode = 0;
        _offset = 0;
        _error = default;
    }

    public void Dispose() => _inflater?.Dispose();
}
