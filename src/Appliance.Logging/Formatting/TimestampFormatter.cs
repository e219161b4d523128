using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Appliance.Logging.Formatting;

/// <summary>
/// ISO-8601 UTC with microseconds, 27 bytes: <c>2026-11-21T14:13:43.123456Z</c>. The whole text of the
/// current second (<c>2026-11-21T14:13:43.000000Z</c>) is cached as one 32-byte vector, so a line costs one
/// vector store and three two-digit pairs for the microseconds.
/// </summary>
internal sealed unsafe class TimestampFormatter
{
    public const int Length = 27;

    /// <summary>Bytes <see cref="Format(long, byte*)"/> stores: the 27 and 5 of scratch (one vector store).</summary>
    public const int StoreLength = 32;

    private long _secondStart = long.MinValue;
    private Vector256<byte> _second;

    /// <summary>Writes 27 bytes. <paramref name="utcTicks"/> are DateTime ticks.</summary>
    public void Format(long utcTicks, Span<byte> destination)
    {
        Debug.Assert(destination.Length >= Length);
        byte* full = stackalloc byte[StoreLength];
        Format(utcTicks, full);
        new ReadOnlySpan<byte>(full, Length).CopyTo(destination);
    }

    /// <summary>Writes the 27 bytes and 5 bytes of scratch after them: <paramref name="destination"/> must have 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Format(long utcTicks, byte* destination)
    {
        ulong inSecond = (ulong)(utcTicks - _secondStart);
        if (inSecond >= TimeSpan.TicksPerSecond) inSecond = CacheSecond(utcTicks);
        _second.Store(destination);
        uint micros = (uint)(inSecond / 10);
        uint high = micros / 10_000;
        uint rest = micros - high * 10_000;
        uint middle = rest / 100;
        uint low = rest - middle * 100;
        ref byte pairs = ref MemoryMarshal.GetReference(TwoDigits);
        Unsafe.WriteUnaligned(destination + 20, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, 2 * high)));
        Unsafe.WriteUnaligned(destination + 22, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, 2 * middle)));
        Unsafe.WriteUnaligned(destination + 24, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, 2 * low)));
    }

    /// <summary>The same digits without the 'Z' (a DateTime that is not UTC), 26 bytes.</summary>
    public void FormatUnzoned(long ticks, Span<byte> destination)
    {
        byte* full = stackalloc byte[StoreLength];
        Format(ticks, full);
        new ReadOnlySpan<byte>(full, Length - 1).CopyTo(destination);
    }

    /// <summary>"00".."99", two bytes each.</summary>
    internal static ReadOnlySpan<byte> TwoDigits =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong CacheSecond(long utcTicks)
    {
        long second = utcTicks / TimeSpan.TicksPerSecond;
        var time = new DateTime(second * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        byte* text = stackalloc byte[StoreLength];
        var span = new Span<byte>(text, StoreLength);
        span.Clear();
        bool ok = time.TryFormat(span, out int written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture);
        Debug.Assert(ok && written == 19);
        ".000000Z"u8.CopyTo(span[19..]);
        _second = Vector256.Load(text);
        _secondStart = second * TimeSpan.TicksPerSecond;
        return (ulong)(utcTicks - _secondStart);
    }
}
