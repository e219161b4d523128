using System.Diagnostics.CodeAnalysis;

namespace Appliance.Primitives.Histograms;

// Throws live here so the methods that may throw stay small enough to inline.
internal static class HistogramThrowHelper
{
    [DoesNotReturn]
    public static void ThrowNegativeValue(long value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "Histogram values cannot be negative.");
}
