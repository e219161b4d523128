using System.Runtime.InteropServices;
using Appliance.MarketData.Events;

namespace Appliance.Trading.Decisions;

/// <summary>
/// One decision, 64 bytes, blittable: what the decision log hashes and journals. Only values that follow
/// from the market events and the configuration go in (event time, event index, per-run order ids) — no
/// wall clock, no monotonic stamps, no client order id base — so a replay of the same events writes the
/// same bytes. Do not reorder fields: recorded logs and their digests depend on the layout (docs/trading.md).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct DecisionRecord
{
    public const int Size = 64;

    [FieldOffset(0)] public DecisionKind Kind;
    [FieldOffset(1)] public Side Side;
    [FieldOffset(2)] public ushort InstrumentId;
    /// <summary>Kind-specific code: a RiskReason, ExitReason, StateCause or command.</summary>
    [FieldOffset(4)] public byte Reason;
    /// <summary>OrderOrigin for order records.</summary>
    [FieldOffset(5)] public byte Origin;
    [FieldOffset(6)] private ushort _reserved;
    /// <summary>Record number in this run, from 1.</summary>
    [FieldOffset(8)] public long Sequence;
    /// <summary>Market events seen before this decision (the event that caused it is number EventIndex).</summary>
    [FieldOffset(16)] public long EventIndex;
    /// <summary>Engine time, from events (Unix ns).</summary>
    [FieldOffset(24)] public long TimeNs;
    /// <summary>Local order id (sequence and slot), 0 when none.</summary>
    [FieldOffset(32)] public long OrderId;
    [FieldOffset(40)] public long Price;
    [FieldOffset(48)] public long Quantity;
    [FieldOffset(56)] public long Extra;
}
