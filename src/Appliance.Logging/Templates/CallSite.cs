namespace Appliance.Logging.Templates;

/// <summary>
/// One log call site: its source file (the compiler's interned constant, compared by reference), line,
/// literal length and hole count packed in <see cref="Key"/>, and the template it was registered with.
/// </summary>
internal sealed class CallSite
{
    public CallSite(string file, long key, int templateId, CallSite? next)
    {
        File = file;
        Key = key;
        TemplateId = templateId;
        Next = next;
    }

    public readonly string File;
    public readonly long Key;
    public readonly int TemplateId;

    /// <summary>Another site whose line maps to the same table slot.</summary>
    public readonly CallSite? Next;
}
