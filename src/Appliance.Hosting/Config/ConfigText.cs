using System.Globalization;

namespace Appliance.Hosting.Config;

/// <summary>Parsers for the text-valued keys (times of day, days, octal modes), shared by the validator and the host.</summary>
public static class ConfigText
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>"HH:mm" or "HH:mm:ss", 24-hour.</summary>
    public static bool TryParseTimeOfDay(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Mon, Tue, ... (three letters, any case).</summary>
    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        for (int i = 0; i < DayNames.Length; i++)
            if (string.Equals(text, DayNames[i], StringComparison.OrdinalIgnoreCase))
            {
                day = (DayOfWeek)i;
                return true;
            }
        day = default;
        return false;
    }

    public static string DayName(DayOfWeek day) => DayNames[(int)day];

    /// <summary>Octal file mode "0660" / "660", at most 0777 (the admin server's own reading of it).</summary>
    public static bool TryParseMode(string? text, out UnixFileMode mode) =>
        Appliance.Admin.Server.AdminServerOptions.TryParseMode(text ?? "", out mode);
}
