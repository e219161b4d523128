using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>Debug. A marker for <see cref="LogHandler{TLevel}"/>; never instantiated.</summary>
public readonly struct DebugLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Debug;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}
