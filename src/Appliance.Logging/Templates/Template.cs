using System.Text;

namespace Appliance.Logging.Templates;

/// <summary>The literal parts of one call site's message and the format of each hole, registered once.</summary>
internal sealed class Template
{
    public Template(int id, TemplateSegment[] segments)
    {
        Id = id;
        Segments = segments;
        int holes = 0;
        foreach (TemplateSegment s in segments)
            if (s.IsHole) holes++;
        HoleCount = holes;
    }

    public int Id { get; }
    public TemplateSegment[] Segments { get; }
    public int HoleCount { get; }

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
