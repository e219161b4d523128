namespace Appliance.Hosting.Config;

/// <summary>Line format of the log file.</summary>
public enum LogFileFormat
{
    Text,
    Json,
}
