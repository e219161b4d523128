using System.Globalization;
using System.Runtime.CompilerServices;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Rebuilds an unmanaged <see cref="IUtf8SpanFormattable"/> value from its bytes and lets it format itself
/// (a constrained call on the value type: no boxing).
/// </summary>
internal sealed unsafe class Utf8FormattableFormatter<T> : ArgFormatter
{
    public override bool TryFormat(byte* value, Span<byte> destination, ReadOnlySpan<char> format, out int written)
    {
        T copy = Unsafe.ReadUnaligned<T>(value);
        return ((IUtf8SpanFormattable)copy!).TryFormat(destination, out written, format, CultureInfo.InvariantCulture);
    }
}
