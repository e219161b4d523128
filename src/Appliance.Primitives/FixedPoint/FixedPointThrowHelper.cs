using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Appliance.Primitives.FixedPoint;

/// <summary>Cold-path parsing with a message that says what, where and why.</summary>
internal static class FixedPointThrowHelper
{
    public static long ParseOrThrow(string text, int scale, string what)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var status = FixedDecimal.TryParse(utf8, scale, out long units, out int offset);
        if (status != FixedParseStatus.Ok) ThrowParse(text, scale, what, status, offset);
        return units;
    }

    [DoesNotReturn]
    private static void ThrowParse(string text, int scale, string what, FixedParseStatus status, int offset) =>
        throw new FormatException($"cannot parse {what} \"{text}\" at scale {scale}: {status} at byte {offset}");
}
