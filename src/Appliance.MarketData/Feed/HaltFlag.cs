using System.Runtime.InteropServices;

namespace Appliance.MarketData.Feed;

/// <summary>
/// Raised by a feed session under the <see cref="OverloadPolicy.Halt"/> policy when it had to drop events
/// (the strategy no longer sees the whole market); read by risk before every order. The flag sits alone on
/// its cache lines: risk reads it on the strategy thread, the feed thread writes it once.
/// Clearing it is an operator decision (admin <c>resume</c>), never automatic.
/// </summary>
public sealed class HaltFlag
{
    private Padded _value;

    public bool IsRaised => Volatile.Read(ref _value.Value) != 0;

    /// <summary>Raises the flag; true if this call raised it (it was clear).</summary>
    public bool Raise() => Interlocked.Exchange(ref _value.Value, 1) == 0;

    public void Clear() => Volatile.Write(ref _value.Value, 0);

    [StructLayout(LayoutKind.Explicit, Size = 260)]
    private struct Padded
    {
        [FieldOffset(128)] public int Value;
    }
}
