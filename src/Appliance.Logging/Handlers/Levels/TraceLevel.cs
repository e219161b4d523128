using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>Trace: the finest detail, off in production. A marker for <see cref="LogHandler{TLevel}"/>; never instantiated.</summary>
public readonly struct TraceLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Trace;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}
