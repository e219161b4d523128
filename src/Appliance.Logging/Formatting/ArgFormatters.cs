using System.Runtime.CompilerServices;

namespace Appliance.Logging.Formatting;

/// <summary>Formatters by id, process-wide. Registration is rare and locked; the writer reads without a lock.</summary>
internal static class ArgFormatters
{
    private static readonly Lock s_lock = new();
    private static ArgFormatter[] s_formatters = new ArgFormatter[64];
    private static int s_count;

    /// <summary>Largest value copied as raw bytes (the size travels in one byte).</summary>
    public const int MaxValueSize = 255;

    public static ArgFormatter Get(int id) => Volatile.Read(ref s_formatters)[id];

    /// <summary>The formatter id for <typeparamref name="T"/>, or -1 when its bytes cannot be captured.</summary>
    public static int Register<T>()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>() || Unsafe.SizeOf<T>() > MaxValueSize) return -1;
        ArgFormatter formatter;
        if (typeof(T).IsEnum) formatter = new EnumFormatter<T>();
        else if (typeof(IUtf8SpanFormattable).IsAssignableFrom(typeof(T))) formatter = new Utf8FormattableFormatter<T>();
        else return -1;

        lock (s_lock)
        {
            int id = s_count;
            ArgFormatter[] table = s_formatters;
            if (id == table.Length)
            {
                Array.Resize(ref table, table.Length * 2);
                Volatile.Write(ref s_formatters, table);
            }
            table[id] = formatter;
            Volatile.Write(ref s_count, id + 1);
            return id;
        }
    }
}

/// <summary>Per-type formatter id, computed once (the first log call with a <typeparamref name="T"/> argument).</summary>
internal static class ArgFormatterId<T>
{
    public static readonly int Value = ArgFormatters.Register<T>();
}
