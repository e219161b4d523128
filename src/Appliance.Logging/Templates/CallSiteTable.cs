using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Logging.Templates;

/// <summary>
/// Finds a call site's template without hashing: the line number indexes a direct-mapped table and the
/// file path is compared by reference ([CallerFilePath] passes the same interned string on every call).
/// The key also holds the literal length and hole count, so two calls on one line usually differ; two calls
/// on one line with equal literal length and hole count would share a template (keep one log call per line).
/// </summary>
internal static class CallSiteTable
{
    private const int Size = 4096;
    private static readonly CallSite?[] s_slots = new CallSite?[Size];
    private static readonly Lock s_lock = new();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long KeyOf(int line, int literalLength, int formattedCount) =>
        ((long)line << 32) | ((long)(literalLength & 0xFFFFF) << 12) | (uint)(formattedCount & 0xFFF);

    /// <summary>The template id for this call site, or -1 when it has not been registered yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Find(string file, long key)
    {
        CallSite? site = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_slots), (int)(key >> 32) & (Size - 1));
        if (site is not null && site.Key == key && ReferenceEquals(site.File, file)) return site.TemplateId;
        return FindSlow(site, file, key);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FindSlow(CallSite? site, string file, long key)
    {
        for (; site is not null; site = site.Next)
            if (site.Key == key && ReferenceEquals(site.File, file)) return site.TemplateId;
        return -1;
    }

    /// <summary>
    /// Registers a call site after its first call built the template. A racing thread that registered the
    /// same site first wins; a site whose path string compares equal but is another instance (another
    /// module's interned copy) gets an alias to the same template.
    /// </summary>
    public static int Register(TemplateBuilder builder)
    {
        lock (s_lock)
        {
            int slot = builder.Line & (Size - 1);
            CallSite? head = s_slots[slot];
            for (CallSite? s = head; s is not null; s = s.Next)
            {
                if (s.Key != builder.Key) continue;
                if (ReferenceEquals(s.File, builder.File)) return s.TemplateId;
                if (s.File == builder.File)
                {
                    Volatile.Write(ref s_slots[slot], new CallSite(builder.File, builder.Key, s.TemplateId, head));
                    return s.TemplateId;
                }
            }
            int id = TemplateRegistry.Add(builder.Build());
            // Newest first: a hot site registered late is found on the first probe.
            Volatile.Write(ref s_slots[slot], new CallSite(builder.File, builder.Key, id, head));
            return id;
        }
    }
}
