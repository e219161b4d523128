namespace Appliance.Logging.Templates;

/// <summary>A literal run of UTF-8 bytes, or a hole with the format and alignment written at the call site.</summary>
internal readonly struct TemplateSegment
{
    public readonly byte[]? Literal;
    public readonly string? Format;
    public readonly int Alignment;

    private TemplateSegment(byte[]? literal, string? format, int alignment)
    {
        Literal = literal;
        Format = format;
        Alignment = alignment;
    }

    public bool IsHole => Literal is null;

    public static TemplateSegment ForLiteral(byte[] utf8) => new(utf8, null, 0);
    public static TemplateSegment ForHole(string? format, int alignment) => new(null, format, alignment);
}
