using System.Text;

namespace Appliance.Logging.Templates;

/// <summary>
/// Collects a call site's literal parts and hole formats during its first call (cold: allocates),
/// then becomes a <see cref="Template"/>.
/// </summary>
internal sealed class TemplateBuilder
{
    private readonly List<TemplateSegment> _segments = new();
    private readonly StringBuilder _literal = new();

    public TemplateBuilder(string file, int line, long key)
    {
        File = file;
        Line = line;
        Key = key;
    }

    public string File { get; }
    public int Line { get; }
    public long Key { get; }

    public void AddLiteral(string text) => _literal.Append(text);

    public void AddHole(string? format, int alignment)
    {
        FlushLiteral();
        _segments.Add(TemplateSegment.ForHole(string.IsNullOrEmpty(format) ? null : format, alignment));
    }

    public TemplateSegment[] Build()
    {
        FlushLiteral();
        return _segments.ToArray();
    }

    private void FlushLiteral()
    {
        if (_literal.Length == 0) return;
        _segments.Add(TemplateSegment.ForLiteral(Encoding.UTF8.GetBytes(_literal.ToString())));
        _literal.Clear();
    }
}
