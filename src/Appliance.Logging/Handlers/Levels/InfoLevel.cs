using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>Information. A marker for <see cref="LogHandler{TLevel}"/>; never instantiated.</summary>
public readonly struct InfoLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Information;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}
