using System.Security.Cryptography;
using System.Text;
using Appliance.WebSockets.Connection;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>Records every delivered message (copied) for assertions. A class, so async mode can use it too.</summary>
internal sealed class MessageLog : IWebSocketMessageHandler
{
    private readonly object _gate = new();
    public List<(byte[] Payload, bool IsText, long Timestamp)> Messages { get; } = [];

    public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
    {
        lock (_gate) Messages.Add((payload.ToArray(), isText, receiveTimestamp));
    }

    public int Count
    {
        get { lock (_gate) return Messages.Count; }
    }

    public string Text(int index) => Encoding.UTF8.GetString(Messages[index].Payload);

    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
