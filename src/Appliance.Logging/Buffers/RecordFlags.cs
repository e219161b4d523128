namespace Appliance.Logging.Buffers;

[Flags]
internal enum RecordFlags : byte
{
    None = 0,

    /// <summary>An argument did not fit the record size limit; the arguments after it were skipped.</summary>
    Truncated = 1,

    /// <summary>A trade event: waits for durability like Error and Critical.</summary>
    Trade = 2,
}
