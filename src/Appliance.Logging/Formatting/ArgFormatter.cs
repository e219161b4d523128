namespace Appliance.Logging.Formatting;

/// <summary>
/// Formats the raw bytes of one captured value type on the writer thread. One instance per type, created
/// the first time the type is logged (see <see cref="ArgFormatterId{T}"/>).
/// </summary>
internal abstract unsafe class ArgFormatter
{
    public abstract bool TryFormat(byte* value, Span<byte> destination, ReadOnlySpan<char> format, out int written);
}
