namespace Appliance.MarketData.Journal;

/// <summary>
/// What a journal record holds, stored in the record header's flags field (0 = a payload, so journals
/// written before kinds existed read unchanged). Every input that influences a feed session's event
/// stream is one of these, which is what lets replay reproduce that stream byte for byte.
/// </summary>
public enum JournalRecordKind : ushort
{
    /// <summary>A WebSocket message as received (after inflate). Aux: line index.</summary>
    Payload = 0,
    /// <summary>A feed session started: UTF-8 text describing its group, lines, streams and instruments.</summary>
    SessionStart = 1,
    /// <summary>A line's connection is up (connection id in the header). Aux: line index. Payload: u32 attempt (connect attempts since the line was last up; 1 = first try).</summary>
    Connected = 2,
    /// <summary>A line went down or a connect failed. Aux: line index. Payload: u8 reason, 3 bytes 0, i32 backoff ms.</summary>
    Disconnected = 3,
    /// <summary>A line delivered no market message for too long. Aux: line index. Payload: i64 silence ms.</summary>
    Stale = 4,
    /// <summary>A REST depth snapshot answer. Payload: u16 instrument, u16 0, u32 request, i32 HTTP status (0: no answer), then the body.</summary>
    Snapshot = 5,
    /// <summary>Another thread asked for a book resync. Payload: u16 instrument.</summary>
    ResyncRequested = 6,
}
