using System.Runtime.CompilerServices;
using Appliance.Primitives.Time;

namespace Appliance.Logging;

/// <summary>
/// The clock records are stamped with: <see cref="MonoClock"/> ticks, so a record's time can be compared
/// with every other stage's stamps. One place, so a cheaper source can be measured against it.
/// </summary>
internal static class LogClock
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now() => MonoClock.Now();
}
