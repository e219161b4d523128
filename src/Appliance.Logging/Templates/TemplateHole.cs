namespace Appliance.Logging.Templates;

/// <summary>
/// One hole of a compiled template with the literal text just before it (an offset into the template's
/// literal bytes), so formatting a message is a loop over holes with no test for the segment kind.
/// </summary>
internal readonly struct TemplateHole
{
    public TemplateHole(int literalOffset, int literalLength, string? format, int alignment)
    {
        LiteralOffset = literalOffset;
        LiteralLength = literalLength;
        Format = format;
        Alignment = alignment;
    }

    public readonly int LiteralOffset;
    public readonly int LiteralLength;
    public readonly string? Format;
    public readonly int Alignment;
}
