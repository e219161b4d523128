using System.Globalization;
using System.Text;

namespace Appliance.Logging.Tests.TestSupport;

public enum Side : byte { Buy = 1, Sell = 2 }

public enum Signed : sbyte { Minus = -1, Zero = 0 }

public enum Wide : ulong { Top = 0x8000_0000_0000_0001 }

[Flags]
public enum Channels { None = 0, Trades = 1, Depth = 2, Ticker = 4 }

/// <summary>An unmanaged IUtf8SpanFormattable value the logging room knows nothing about.</summary>
public readonly struct Basis : IUtf8SpanFormattable
{
    public Basis(int points) => Points = points;

    public int Points { get; }

    public bool TryFormat(Span<byte> destination, out int written, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        written = 0;
        if (!Points.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture) || destination.Length < n + 3) return false;
        "bps"u8.CopyTo(destination[n..]);
        written = n + 3;
        return true;
    }
}

/// <summary>A reference type that formats itself into UTF-8: formatted on the caller, without allocating.</summary>
public sealed class Venue(string name) : IUtf8SpanFormattable
{
    public bool TryFormat(Span<byte> destination, out int written, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Encoding.UTF8.TryGetBytes(name.ToUpperInvariant(), destination, out written);

    public string ToString(string? format, IFormatProvider? formatProvider) => name;
}

/// <summary>Neither formattable nor unmanaged: falls back to ToString.</summary>
public sealed class Note(string text)
{
    public override string ToString() => "note:" + text;
}

/// <summary>Formats by throwing: a broken formatter must cost its line, not the writer.</summary>
public readonly struct Broken : IUtf8SpanFormattable
{
    public bool TryFormat(Span<byte> destination, out int written, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        throw new InvalidOperationException("broken formatter");
}

/// <summary>Two bytes of argument that format to <see cref="Width"/> bytes: messages far longer than their records.</summary>
public readonly struct Banner(byte fill) : IUtf8SpanFormattable
{
    public const int Width = 300;

    public bool TryFormat(Span<byte> destination, out int written, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        written = 0;
        if (destination.Length < Width) return false;
        destination[..Width].Fill(fill);
        written = Width;
        return true;
    }
}
