using Appliance.Logging.Sinks;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.TestSupport;

/// <summary>Counts lines and keeps the last one's bytes, allocating nothing (the writer's allocations are measured).</summary>
internal sealed class CountingSink(LineFormat format) : LogSink(format, LogLevel.Trace)
{
    private readonly byte[] _last = new byte[64 * 1024];
    private int _lastLength;

    public long Lines;
    public long Bytes;

    public ReadOnlySpan<byte> LastLine => _last.AsSpan(0, _lastLength);

    public override void Write(ReadOnlySpan<byte> lines)
    {
        Lines += lines.Count((byte)'\n');
        Bytes += lines.Length;
        int start = lines[..^1].LastIndexOf((byte)'\n') + 1;
        _lastLength = lines.Length - start;
        lines[start..].CopyTo(_last);
    }
}
