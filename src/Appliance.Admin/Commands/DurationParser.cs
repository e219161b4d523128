using System.Globalization;

namespace Appliance.Admin.Commands;

/// <summary>
/// Durations as operators type them: <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>; a bare number is
/// seconds. Units: ms, s, m, h, d. Whole numbers per part; the total must be positive.
/// </summary>
public static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text)) return false;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bare))
        {
            if (bare <= 0 || bare > 100L * 365 * 86400) return false;
            duration = TimeSpan.FromSeconds(bare);
            return true;
        }
        long totalMs = 0;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start || i - start > 9) return false;
            long n = long.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            int unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i])) i++;
            long unitMs = text.AsSpan(unitStart, i - unitStart) switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => -1,
            };
            if (unitMs < 0) return false;
            totalMs += n * unitMs;
        }
        if (totalMs <= 0 || totalMs > 100L * 365 * 86_400_000) return false;
        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }
}
