using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Appliance.Primitives.Rings;

/// <summary>One spin-loop hint: tells the core (and its hyper-thread sibling) we are polling.</summary>
internal static class CpuPause
{
    // Thread.SpinWait(1) runs a calibrated batch of pauses (tens of ns); a poll loop on an isolated core
    // wants the single instruction so it sees the other side's write as soon as it lands.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Once()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else if (ArmBase.IsSupported)
        {
            ArmBase.Yield();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
