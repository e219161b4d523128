namespace Appliance.MarketData.Feed;

/// <summary>What the processor did with one venue message.</summary>
public enum MessageOutcome : byte
{
    /// <summary>Did not decode; counted, not published.</summary>
    Malformed,
    /// <summary>An answer to a request (SUBSCRIBE): published as a status event.</summary>
    Response,
    /// <summary>A first copy of market data: published.</summary>
    Forwarded,
    /// <summary>Market data already seen (a duplicate, or the losing copy of another line): dropped.</summary>
    Duplicate,
    /// <summary>
    /// Arbitration: a message of a line that just (re)connected, ahead of the merged stream while another line
    /// still fills the ids before it: dropped (that line delivers it again, in order).
    /// </summary>
    HeldBack,
    /// <summary>A depth diff held until the book's snapshot arrives.</summary>
    Buffered,
    /// <summary>A depth diff older than the snapshot the book was rebuilt from: dropped.</summary>
    Superseded,
}
