using System.Runtime.CompilerServices;

namespace Appliance.Logging.Buffers;

// How a calling thread finds its buffer: one thread-static read and two compares on the fast path.
internal sealed partial class ProducerBuffer
{
    [ThreadStatic] private static ProducerBuffer? t_current;
    [ThreadStatic] private static List<ProducerBuffer>? t_all;

    /// <summary>
    /// The calling thread's buffer for <paramref name="system"/> with no record open, or null when the
    /// record cannot be taken (a third level of nesting). First use from a thread registers (allocates).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ProducerBuffer? For(LogSystem system, nuint handler)
    {
        ProducerBuffer? p = t_current;
        if (p is not null && p.System == system && p.OpenHandler == 0) return p;
        return ForSlow(system, handler);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ProducerBuffer? ForSlow(LogSystem system, nuint handler)
    {
        ProducerBuffer? p = t_current;
        if (p is null || p.System != system)
        {
            p = FindOrRegister(system);
            t_current = p;
        }
        return p.OpenHandler == 0 ? p : ResolveOpen(p, handler);
    }

    /// <summary>The calling thread's buffer for <paramref name="system"/>, registering it on first use.</summary>
    public static ProducerBuffer FindOrRegister(LogSystem system)
    {
        List<ProducerBuffer> all = t_all ??= new List<ProducerBuffer>(2);
        all.RemoveAll(static b => b.System.IsStopped);
        foreach (ProducerBuffer b in all)
            if (b.System == system) return b;
        ProducerBuffer created = system.RegisterProducer(Thread.CurrentThread, system.Options.BufferBytes);
        all.Add(created);
        return created;
    }

    /// <summary>Replaces the calling thread's buffer (a hot thread asking for a bigger ring before it starts).</summary>
    public static void Replace(ProducerBuffer old, ProducerBuffer replacement)
    {
        List<ProducerBuffer> all = t_all!;
        all[all.IndexOf(old)] = replacement;
        if (t_current == old) t_current = replacement;
    }

    /// <summary>
    /// A record is already open on this thread's ring. A live record's handler sits in a frame above every
    /// call made while its holes are evaluated (stacks grow down), so a handler at or above the open one's
    /// address proves the open record was abandoned (a hole threw): reuse the ring. Below it, the open
    /// record may be live (a hole expression that logs): take the nested ring, which is correct either way.
    /// </summary>
    private static ProducerBuffer? ResolveOpen(ProducerBuffer p, nuint handler)
    {
        if (handler >= p.OpenHandler)
        {
            p.OpenHandler = 0;
            p.ResetRecordState();
            return p;
        }
        ProducerBuffer nested = p.Nested ??= p.System.RegisterProducer(p.Owner, p.System.Options.NestedBufferBytes);
        if (nested.OpenHandler == 0 || handler >= nested.OpenHandler)
        {
            nested.OpenHandler = 0;
            nested.ResetRecordState();
            return nested;
        }
        return null;
    }
}
