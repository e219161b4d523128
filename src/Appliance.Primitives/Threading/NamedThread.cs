namespace Appliance.Primitives.Threading;

/// <summary>
/// Background threads whose name the kernel knows too (<c>/proc/PID/task/TID/comm</c>: <c>top -H</c>, <c>ps -L</c>,
/// perf, gdb), so operators can tell the feed thread from the log writer. The CoreCLR JIT does that for
/// <see cref="Thread.Name"/>; the net9.0 NativeAOT runtime we ship does not for a name given before
/// <see cref="Thread.Start()"/> (dotnet/runtime#106464, fixed in .NET 10), so the thread names itself as it starts.
/// </summary>
public static unsafe class NamedThread
{
    /// <summary>The kernel keeps 15 bytes of a thread's name.</summary>
    public const int MaxOsNameBytes = 15;

    /// <summary>An unstarted background thread named <paramref name="name"/> in .NET and in the kernel.</summary>
    public static Thread Create(string name, ThreadStart body, int maxStackSize = 0) =>
        new(() =>
        {
            SetCurrentOsName(name);
            body();
        }, maxStackSize) { Name = name, IsBackground = true };

    /// <summary>
    /// Names the calling thread in the kernel: the name's first 15 characters, any outside printable ASCII as '?'.
    /// Best effort: a failure leaves the inherited name, which only costs readability.
    /// </summary>
    public static void SetCurrentOsName(string name)
    {
        byte* buffer = stackalloc byte[MaxOsNameBytes + 1];
        int n = Math.Min(name.Length, MaxOsNameBytes);
        for (int i = 0; i < n; i++) buffer[i] = name[i] is >= ' ' and < (char)127 ? (byte)name[i] : (byte)'?';
        buffer[n] = 0;
        LibC.PthreadSetName(LibC.PthreadSelf(), buffer);
    }
}
