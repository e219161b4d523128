using System.Diagnostics;

namespace Appliance.Logging.Formatting;

/// <summary>
/// ISO-8601 UTC with microseconds, 27 bytes: <c>2026-11-21T14:13:43.123456Z</c>. The date-and-seconds
/// prefix is cached per second, so a line costs six digits and a copy.
/// </summary>
internal sealed class TimestampFormatter
{
    public const int Length = 27;
    private long _cachedSecond = -1;
    private readonly byte[] _prefix = new byte[19];

    /// <summary>Writes 27 bytes. <paramref name="utcTicks"/> are DateTime ticks.</summary>
    public void Format(long utcTicks, Span<byte> destination)
    {
        Debug.Assert(destination.Length >= Length);
        long second = utcTicks / TimeSpan.TicksPerSecond;
        if (second != _cachedSecond) CachePrefix(second);
        _prefix.CopyTo(destination);
        destination[19] = (byte)'.';
        int micros = (int)(utcTicks % TimeSpan.TicksPerSecond / 10);
        WriteDigits(micros, destination.Slice(20, 6));
        destination[26] = (byte)'Z';
    }

    /// <summary>The same digits without the 'Z' (a DateTime that is not UTC), 26 bytes.</summary>
    public void FormatUnzoned(long ticks, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[Length];
        Format(ticks, full);
        full[..26].CopyTo(destination);
    }

    private void CachePrefix(long second)
    {
        var time = new DateTime(second * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        bool ok = time.TryFormat(_prefix, out int written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture);
        Debug.Assert(ok && written == 19);
        _cachedSecond = second;
    }

    private static void WriteDigits(int value, Span<byte> six)
    {
        for (int i = 5; i >= 0; i--)
        {
            six[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
