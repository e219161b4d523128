using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>An Information record for an entry, exit or fill that waits (bounded) until durable. A marker for <see cref="LogHandler{TLevel}"/>; never instantiated.</summary>
public readonly struct TradeLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Information;
    public static bool WaitsForDurability => true;
    public static bool IsTrade => true;
}
