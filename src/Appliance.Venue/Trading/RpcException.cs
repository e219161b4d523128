namespace Appliance.Venue.Trading;

/// <summary>A JSON-RPC error to answer with (cold path: requests are parsed and checked with exceptions).</summary>
internal sealed class RpcException(int code, string message) : Exception(message)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int UnknownInstrument = 10001;
    public const int UnknownOrder = 10002;
    public const int NotOnTickOrLot = 10003;
    public const int PostOnlyWouldCross = 10004;
    public const int OrderNotOpen = 10005;
    public const int NotLoggedIn = 10006;
    public const int LoginRefused = 10007;
    public const int RateLimited = 10029;

    public int Code { get; } = code;
}
