using System.Buffers;
using System.Text;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>
/// Drives a <see cref="FrameParser"/> over in-memory data the way the connection does (parse, handle the
/// control frame, parse again) and records what came out as comparable strings.
/// </summary>
internal sealed class ParseEvents : IWebSocketMessageHandler
{
    public List<string> Events { get; } = [];

    public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) =>
        Events.Add($"{(isText ? "text" : "binary")}:{payload.Length}:{MessageLog.Sha256(payload)[..16]}");

    /// <summary>Parses everything in <paramref name="buffer"/>; returns the final status and sets how many bytes were consumed.</summary>
    public ParseStatus Drain(FrameParser parser, ref ReadOnlySequence<byte> buffer)
    {
        var self = this;
        while (true)
        {
            long before = buffer.Length;
            ParseStatus status = parser.Parse(ref buffer, ref self, 0);
            if (status == ParseStatus.Error)
            {
                Events.Add($"error:{parser.Error.Kind}:{parser.Error.CloseCode}:{parser.Error.Offset}");
                return status;
            }
            if (status == ParseStatus.NeedMoreData) return status;
            Events.Add(parser.ControlOpcode == Opcode.Close
                ? $"close:{parser.CloseCode}:{Encoding.UTF8.GetString(parser.CloseReason)}"
                : $"{parser.ControlOpcode}:{Encoding.UTF8.GetString(parser.ControlPayload)}");
            if (parser.ControlOpcode == Opcode.Close) return status;
            Assert.That(buffer.Length, Is.LessThan(before), "a control frame must consume bytes");
        }
    }

    /// <summary>Parses one whole buffer with a fresh parser and returns the events.</summary>
    public static List<string> Of(ReadOnlySequence<byte> data, FrameParserSettings settings = default, WebSocketCounters? counters = null)
    {
        using var parser = new FrameParser(settings == default ? new FrameParserSettings() : settings, counters);
        var events = new ParseEvents();
        events.Drain(parser, ref data);
        return events.Events;
    }

    public static string Expect(string text) => Expect(Encoding.UTF8.GetBytes(text), true);

    public static string Expect(byte[] payload, bool isText) =>
        $"{(isText ? "text" : "binary")}:{payload.Length}:{MessageLog.Sha256(payload)[..16]}";

    public static string ExpectError(WebSocketErrorKind kind, ushort closeCode, long offset) => $"error:{kind}:{closeCode}:{offset}";
}
