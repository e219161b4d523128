using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>Error: the caller waits (bounded) until the record is durable. A marker for <see cref="LogHandler{TLevel}"/>; never instantiated.</summary>
public readonly struct ErrorLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Error;
    public static bool WaitsForDurability => true;
    public static bool IsTrade => false;
}
