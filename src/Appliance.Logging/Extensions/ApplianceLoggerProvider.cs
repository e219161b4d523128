using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Extensions;

/// <summary>
/// Microsoft.Extensions.Logging provider: cold-path code and libraries that log through ILogger reach the
/// same writer, levels and sinks as the hot path. Messages are formatted on the calling thread (that path
/// allocates; it is the cold one). The provider does not own the <see cref="LogSystem"/>.
/// </summary>
public sealed class ApplianceLoggerProvider : ILoggerProvider
{
    private readonly LogSystem _system;

    public ApplianceLoggerProvider(LogSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
    }

    public ILogger CreateLogger(string categoryName) => new MelLogger(_system.GetLogger(categoryName));

    public void Dispose()
    {
    }
}
