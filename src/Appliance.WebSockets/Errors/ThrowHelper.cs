using System.Diagnostics.CodeAnalysis;

namespace Appliance.WebSockets.Errors;

/// <summary>Throws kept out of line so the methods that guard them stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void ThrowPipeFlushDidNotComplete() =>
        throw new InvalidOperationException("PipeWriter.FlushAsync did not complete synchronously: the receive pipe must never pause its writer.");
}
