using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>Warning. A marker for <see cref="LogHandler{TLevel}"/>; never instantiated.</summary>
public readonly struct WarnLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Warning;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}
