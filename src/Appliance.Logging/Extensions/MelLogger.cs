using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Extensions;

/// <summary>An ILogger over one category: level checks are the category's; scopes are not kept.</summary>
internal sealed class MelLogger : ILogger
{
    private readonly Logger _logger;

    public MelLogger(Logger logger) => _logger = logger;

    public bool IsEnabled(LogLevel logLevel) => _logger.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (!_logger.IsEnabled(logLevel)) return;
        ArgumentNullException.ThrowIfNull(formatter);
        string message = formatter(state, exception);
        // The exception's text (with its stack) follows the message on the same line; the line format
        // escapes its newlines.
        if (exception is not null) message = message.Length == 0 ? exception.ToString() : message + " " + exception;
        _logger.Write(logLevel, message);
    }
}
