using System.Globalization;

namespace Appliance.Venue.Replay;

/// <summary>Replay speed: 0 = as fast as possible, 1 = the recorded receive times, N = N times faster.</summary>
public readonly record struct ReplayPace(double Speed)
{
    public static ReplayPace Max => new(0);

    public static ReplayPace Realtime => new(1);

    /// <summary>"max", "realtime" or "xN" (e.g. "x10", "x0.5").</summary>
    public static ReplayPace Parse(string text)
    {
        if (text == "max") return Max;
        if (text == "realtime") return Realtime;
        if (text.Length > 1 && text[0] == 'x' &&
            double.TryParse(text.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) && speed > 0)
            return new ReplayPace(speed);
        throw new FormatException($"--replay-pace '{text}': expected max, realtime or xN");
    }

    public override string ToString() => Speed switch
    {
        0 => "max",
        1 => "realtime",
        _ => "x" + Speed.ToString(CultureInfo.InvariantCulture),
    };
}
