using System.Runtime.InteropServices;

namespace Appliance.Logging.Buffers;

/// <summary>
/// The fixed front of every record in a producer ring. Arguments follow it as tagged values
/// (see <see cref="ArgTag"/>); the whole record is padded to 8 bytes so the next header is aligned.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct RecordHeader
{
    public const int Size = 24;

    /// <summary>Bytes from this header to the next one (padded to 8).</summary>
    public int Length;

    /// <summary>Id in <see cref="Templates.TemplateRegistry"/>; written at commit.</summary>
    public int TemplateId;

    /// <summary>Clock ticks (see <see cref="LogClock"/>) when the call started.</summary>
    public long Timestamp;

    public int CategoryId;
    public byte Level;
    public RecordFlags Flags;

    /// <summary>Bytes actually written (Length less padding): where the arguments end.</summary>
    public ushort Used;
}
