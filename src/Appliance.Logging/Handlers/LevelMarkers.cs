using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers;

// Marker types for LogHandler<TLevel>; never instantiated.
#pragma warning disable CA1815

public readonly struct TraceLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Trace;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}

public readonly struct DebugLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Debug;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}

public readonly struct InfoLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Information;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}

public readonly struct WarnLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Warning;
    public static bool WaitsForDurability => false;
    public static bool IsTrade => false;
}

public readonly struct ErrorLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Error;
    public static bool WaitsForDurability => true;
    public static bool IsTrade => false;
}

public readonly struct CriticalLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Critical;
    public static bool WaitsForDurability => true;
    public static bool IsTrade => false;
}

public readonly struct TradeLevel : ILogLevel
{
    public static LogLevel Level => LogLevel.Information;
    public static bool WaitsForDurability => true;
    public static bool IsTrade => true;
}
