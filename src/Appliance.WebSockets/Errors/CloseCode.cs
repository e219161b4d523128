namespace Appliance.WebSockets.Errors;

/// <summary>RFC 6455 section 7.4 status codes, plus the rule for which may appear in a close frame.</summary>
public static class CloseCode
{
    public const ushort NormalClosure = 1000;
    public const ushort GoingAway = 1001;
    public const ushort ProtocolError = 1002;
    public const ushort UnsupportedData = 1003;
    /// <summary>Reserved: reported when a close frame had no code. Never sent.</summary>
    public const ushort NoStatusReceived = 1005;
    /// <summary>Reserved: reported when the connection dropped without a close frame. Never sent.</summary>
    public const ushort AbnormalClosure = 1006;
    public const ushort InvalidPayloadData = 1007;
    public const ushort PolicyViolation = 1008;
    public const ushort MessageTooBig = 1009;
    public const ushort MandatoryExtension = 1010;
    public const ushort InternalError = 1011;
    /// <summary>Reserved: TLS handshake failure. Never sent.</summary>
    public const ushort TlsHandshake = 1015;

    /// <summary>
    /// Whether a peer may put <paramref name="code"/> in a close frame: 1000-1003, 1007-1014
    /// (1012-1014 were registered with IANA after the RFC) and the 3000-4999 application ranges.
    /// 1004-1006 and 1015 are reserved, everything below 1000 and from 1016 to 2999 is unassigned.
    /// </summary>
    public static bool IsValidOnWire(ushort code) =>
        code is >= 1000 and <= 1003 or >= 1007 and <= 1014 or >= 3000 and <= 4999;
}
