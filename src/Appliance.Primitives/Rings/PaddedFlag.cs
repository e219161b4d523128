using System.Runtime.InteropServices;

namespace Appliance.Primitives.Rings;

/// <summary>
/// An int with 128 bytes of nothing on each side: the hot side reads it on every publish, so it must not
/// share a line with anything another thread writes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 260)]
internal struct PaddedFlag
{
    [FieldOffset(128)] public int Value;
}
