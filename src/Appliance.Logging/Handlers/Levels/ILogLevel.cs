using Appliance.Logging.Handlers;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers.Levels;

/// <summary>
/// A level known at compile time. <see cref="LogHandler{TLevel}"/> is specialised per marker struct, so the
/// level test and the durability wait compile to constants at each call site.
/// </summary>
public interface ILogLevel
{
    static abstract LogLevel Level { get; }

    /// <summary>Error, Critical and trade events: the caller waits (bounded) until the record is durable.</summary>
    static abstract bool WaitsForDurability { get; }

    /// <summary>Trade events are Information records that also wait for durability.</summary>
    static abstract bool IsTrade { get; }
}
