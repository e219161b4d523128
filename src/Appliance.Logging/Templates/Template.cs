using System.Text;
using Appliance.Logging.Formatting;

namespace Appliance.Logging.Templates;

/// <summary>
/// The literal parts of one call site's message and the format of each hole, registered once and compiled
/// for the writer: every literal byte in one pinned array padded for vector copies, and each hole with the
/// literal that precedes it (<see cref="Holes"/>), then the literal after the last hole.
/// </summary>
internal sealed unsafe class Template
{
    private readonly byte[] _literals;

    public Template(int id, TemplateSegment[] segments)
    {
        Id = id;
        Segments = segments;
        var literals = new List<byte>();
        var holes = new List<TemplateHole>();
        int runStart = 0;
        foreach (TemplateSegment s in segments)
        {
            if (!s.IsHole)
            {
                literals.AddRange(s.Literal!);
                continue;
            }
            holes.Add(new TemplateHole(runStart, literals.Count - runStart, s.Format, s.Alignment));
            runStart = literals.Count;
        }
        Holes = holes.ToArray();
        TrailingOffset = runStart;
        TrailingLength = literals.Count - runStart;
        _literals = GC.AllocateArray<byte>(literals.Count + VectorCopy.Slack, pinned: true);
        literals.CopyTo(_literals);
        fixed (byte* p = _literals) Literals = p;
    }

    public int Id { get; }
    public TemplateSegment[] Segments { get; }

    /// <summary>Every hole in order, each with the literal before it.</summary>
    public readonly TemplateHole[] Holes;

    /// <summary>All literal bytes (pinned; readable <see cref="VectorCopy.Slack"/> bytes past the end).</summary>
    public readonly byte* Literals;

    /// <summary>The literal after the last hole.</summary>
    public readonly int TrailingOffset;
    public readonly int TrailingLength;

    /// <summary>The template as a person writes it: <c>fill {0} px={1:F2}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int hole = 0;
        foreach (TemplateSegment s in Segments)
        {
            if (!s.IsHole)
            {
                text.Append(Encoding.UTF8.GetString(s.Literal!));
                continue;
            }
            text.Append('{').Append(hole++);
            if (s.Alignment != 0) text.Append(',').Append(s.Alignment);
            if (s.Format is not null) text.Append(':').Append(s.Format);
            text.Append('}');
        }
        return text.ToString();
    }
}
