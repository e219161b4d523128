using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Sinks;

/// <summary>
/// Standard output, by default in journald form: under systemd (StandardOutput=journal) each line becomes a
/// journal entry at the priority of its <c>&lt;N&gt;</c> prefix.
/// </summary>
public sealed class StdoutSink : StreamSink
{
    public StdoutSink(LineFormat format = LineFormat.Journald, LogLevel minLevel = LogLevel.Trace)
        : base(Console.OpenStandardOutput(), format, minLevel, ownsStream: true)
    {
    }
}
