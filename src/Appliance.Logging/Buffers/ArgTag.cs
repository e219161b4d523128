namespace Appliance.Logging.Buffers;

/// <summary>
/// The first byte of every captured argument; says how many bytes follow and how the writer formats them.
/// Integer widths are kept apart so hexadecimal formats print the width the caller had.
/// </summary>
internal enum ArgTag : byte
{
    None = 0,
    SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64,
    Single, Double, Bool, Char,

    /// <summary>int32 byte count, then that many UTF-8 bytes.</summary>
    Utf8,

    /// <summary>int32 char count, then the UTF-16 code units (copied, transcoded on the writer).</summary>
    Utf16,

    Null,

    /// <summary>MonoClock ticks, printed as UTC wall time.</summary>
    MonoTime,

    /// <summary>The 8 raw bytes of a DateTime (ticks and kind).</summary>
    DateTime,

    /// <summary>DateTime ticks (8) then offset minutes (2).</summary>
    DateTimeOffset,

    /// <summary>int32 formatter id, byte size, then the value's bytes (unmanaged IUtf8SpanFormattable or enum).</summary>
    Unmanaged,
}
