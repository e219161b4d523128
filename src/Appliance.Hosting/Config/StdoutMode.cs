namespace Appliance.Hosting.Config;

/// <summary>What standard output carries.</summary>
public enum StdoutMode
{
    /// <summary>Journald form when systemd connected stdout to the journal (JOURNAL_STREAM), text otherwise.</summary>
    Auto,
    Text,
    Journald,
    Json,
    Off,
}
