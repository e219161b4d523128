using Appliance.WebSockets.Connection;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>The struct form for the synchronous receive loop: forwards to a <see cref="MessageLog"/>.</summary>
internal struct LogHandler(MessageLog log) : IWebSocketMessageHandler
{
    public readonly void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) =>
        log.OnMessage(payload, isText, receiveTimestamp);
}
