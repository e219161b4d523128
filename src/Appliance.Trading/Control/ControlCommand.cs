using System.Runtime.CompilerServices;
using System.Text;

namespace Appliance.Trading.Control;

/// <summary>A command in flight to the strategy thread, with the operator's reason as inline UTF-8 (blittable, so it can sit in an SPSC ring).</summary>
public struct ControlCommand
{
    public const int MaxReasonBytes = 96;

    public ControlCommandKind Kind;
    public byte ReasonLength;
    /// <summary>Ticket returned to the poster; <see cref="ControlChannel.Applied"/> reaches it once the strategy thread applied the command.</summary>
    public long Ticket;
    public ReasonBytes Reason;

    public readonly string ReasonText => Encoding.UTF8.GetString(((ReadOnlySpan<byte>)Reason)[..ReasonLength]);

    [InlineArray(MaxReasonBytes)]
    public struct ReasonBytes
    {
        private byte _first;
    }
}
