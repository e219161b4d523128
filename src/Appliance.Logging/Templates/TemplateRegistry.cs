namespace Appliance.Logging.Templates;

/// <summary>
/// Every template by id, process-wide (call sites are code, not per log system). Registration is rare and
/// locked; the writer reads the published array without a lock.
/// </summary>
internal static class TemplateRegistry
{
    private static readonly Lock s_lock = new();
    private static Template[] s_templates = new Template[256];
    private static int s_count;

    /// <summary>"{0}": a message formatted elsewhere (the Microsoft.Extensions.Logging bridge, writer notices).</summary>
    public static readonly int MessageOnly = Add([TemplateSegment.ForHole(null, 0)]);

    public static int Count => Volatile.Read(ref s_count);

    public static int Add(TemplateSegment[] segments)
    {
        lock (s_lock)
        {
            int id = s_count;
            Template[] table = s_templates;
            if (id == table.Length)
            {
                Array.Resize(ref table, table.Length * 2);
                Volatile.Write(ref s_templates, table);
            }
            table[id] = new Template(id, segments);
            Volatile.Write(ref s_count, id + 1);
            return id;
        }
    }

    /// <summary>Writer side. The record that names <paramref name="id"/> was published after the template.</summary>
    public static Template Get(int id) => Volatile.Read(ref s_templates)[id];
}
