using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Formats an enum from its underlying value on the writer thread. Names are read once, when the type is
/// first logged, through the AOT-safe <see cref="Enum.GetNames"/> / <see cref="Enum.GetValuesAsUnderlyingType(Type)"/>
/// of the statically known type, and kept as UTF-8: formatting is a binary search and a copy, no boxing.
/// Default and "G": the name (flags: names joined with ", "; unknown values: the number), "D": the number,
/// "X": hexadecimal of the underlying width, like <see cref="Enum.ToString(string)"/>.
/// </summary>
internal sealed unsafe class EnumFormatter<T> : ArgFormatter
{
    private readonly long[] _values;     // sorted
    private readonly byte[][] _names;
    private readonly bool _flags;
    private readonly bool _signed;
    private readonly int _size;
    private readonly string _hexUpper;   // full width of the underlying type, like Enum.ToString("X")
    private readonly string _hexLower;
    private static readonly byte[] Separator = ", "u8.ToArray();

    public EnumFormatter()
    {
        _size = Unsafe.SizeOf<T>();
        _hexUpper = "X" + (_size * 2).ToString(CultureInfo.InvariantCulture);
        _hexLower = "x" + (_size * 2).ToString(CultureInfo.InvariantCulture);
        Type underlying = Enum.GetUnderlyingType(typeof(T));
        _signed = underlying == typeof(sbyte) || underlying == typeof(short) || underlying == typeof(int) || underlying == typeof(long);
        _flags = typeof(T).IsDefined(typeof(FlagsAttribute), inherit: false);
        string[] names = Enum.GetNames(typeof(T));
        Array raw = Enum.GetValuesAsUnderlyingType(typeof(T));
        var pairs = new List<(long Value, byte[] Name)>(names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            object boxed = raw.GetValue(i)!;
            long v = boxed is ulong u ? unchecked((long)u) : Convert.ToInt64(boxed, CultureInfo.InvariantCulture);
            if (!pairs.Exists(p => p.Value == v)) pairs.Add((v, Encoding.UTF8.GetBytes(names[i])));
        }
        pairs.Sort((a, b) => a.Value.CompareTo(b.Value));
        _values = pairs.ConvertAll(p => p.Value).ToArray();
        _names = pairs.ConvertAll(p => p.Name).ToArray();
    }

    public override bool TryFormat(byte* value, Span<byte> destination, ReadOnlySpan<char> format, out int written)
    {
        long v = Read(value);
        if (format.IsEmpty || format is "G" or "g" or "F" or "f")
        {
            int i = Array.BinarySearch(_values, v);
            if (i >= 0) return Copy(_names[i], destination, out written);
            if ((_flags || format is "F" or "f") && TryFormatFlags(v, destination, out written)) return true;
            return FormatNumber(v, destination, default, out written);
        }
        if (format is "X" or "x") return FormatHex(v, destination, format[0] == 'x', out written);
        return FormatNumber(v, destination, format is "D" or "d" ? default : format, out written);
    }

    private long Read(byte* p) => _size switch
    {
        1 => _signed ? *(sbyte*)p : *p,
        2 => _signed ? Unsafe.ReadUnaligned<short>(p) : Unsafe.ReadUnaligned<ushort>(p),
        4 => _signed ? Unsafe.ReadUnaligned<int>(p) : Unsafe.ReadUnaligned<uint>(p),
        _ => Unsafe.ReadUnaligned<long>(p),
    };

    private bool FormatNumber(long v, Span<byte> destination, ReadOnlySpan<char> format, out int written) =>
        _signed || v >= 0
            ? v.TryFormat(destination, out written, format, CultureInfo.InvariantCulture)
            : unchecked((ulong)v).TryFormat(destination, out written, format, CultureInfo.InvariantCulture);

    private bool FormatHex(long v, Span<byte> destination, bool lower, out int written)
    {
        ulong bits = _size == 8 ? unchecked((ulong)v) : unchecked((ulong)v) & ((1UL << (_size * 8)) - 1);
        return bits.TryFormat(destination, out written, lower ? _hexLower : _hexUpper, CultureInfo.InvariantCulture);
    }

    /// <summary>Names of the set bits, highest value first like Enum.ToString, when they cover the value exactly.</summary>
    private bool TryFormatFlags(long v, Span<byte> destination, out int written)
    {
        written = 0;
        long rest = v;
        Span<int> picked = stackalloc int[64];
        int count = 0;
        for (int i = _values.Length - 1; i >= 0 && rest != 0; i--)
        {
            long f = _values[i];
            if (f != 0 && (rest & f) == f)
            {
                picked[count++] = i;
                rest &= ~f;
            }
        }
        if (rest != 0 || count == 0) return false;
        for (int k = count - 1; k >= 0; k--)
        {
            if (!Copy(_names[picked[k]], destination[written..], out int n)) return false;
            written += n;
            if (k > 0)
            {
                if (!Copy(Separator, destination[written..], out n)) return false;
                written += n;
            }
        }
        return true;
    }

    private static bool Copy(byte[] source, Span<byte> destination, out int written)
    {
        if (!source.AsSpan().TryCopyTo(destination))
        {
            written = 0;
            return false;
        }
        written = source.Length;
        return true;
    }
}
