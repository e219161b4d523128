namespace Appliance.Venue.Faults;

/// <summary>What a fault does (docs/venue.md, "Faults"). Names on the wire are snake_case.</summary>
public enum FaultKind
{
    /// <summary>TCP close without a close frame: <c>variant</c> fin (default: what was sent arrives, then FIN) or rst (reset, queued data lost).</summary>
    Drop,
    /// <summary>A clean close: close frame with <c>code</c>/<c>reason</c>, then TCP close.</summary>
    Close,
    /// <summary>Nothing sent for <c>duration_ms</c> (0: until cleared); pings answered and sent only if <c>pings</c>.</summary>
    Stall,
    /// <summary>The next <c>count</c> messages of <c>stream</c> (default depth) for <c>symbol</c> (default any) are not sent.</summary>
    Gap,
    /// <summary>The last <c>count</c> messages sent are sent again.</summary>
    Duplicate,
    /// <summary><c>count</c> junk frames: <c>variant</c> json (invalid JSON text), utf8 (invalid UTF-8 in a text frame) or binary.</summary>
    Garbage,
    /// <summary>One text frame of <c>size</c> bytes (default 17 MiB, above a 16 MiB client limit).</summary>
    Oversize,
    /// <summary>For <c>duration_ms</c>, bytes go out <c>chunk_bytes</c> at a time every <c>interval_ms</c>.</summary>
    Slow,
    /// <summary>Ends a stall, slow sending, pending gaps and answer delays on the target.</summary>
    Clear,
    /// <summary>Order entry: answers (and notifications) held back <c>delay_ms</c>, for <c>count</c> requests or <c>duration_ms</c>.</summary>
    Delay,
    /// <summary>Order entry: the next request drops the connection without an answer, after processing it if <c>process</c> (default true).</summary>
    DropOnRequest,
}
