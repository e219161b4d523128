using Appliance.Hosting.Config;
using Appliance.Hosting.Systemd;
using Appliance.Logging;
using Appliance.Logging.Sinks;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Lifecycle;

/// <summary>Builds the daemon's <see cref="LogSystem"/> from the `logging` section: first in the start sequence.</summary>
public static class DaemonLogging
{
    public static LogSystem Create(LoggingConfig config, SystemdEnvironment systemd, CpuSet? housekeepingCpus, Stream? stdout = null)
    {
        var sinks = new List<LogSink>();
        LineFormat? stdoutFormat = config.Stdout switch
        {
            StdoutMode.Auto => systemd.StdoutIsJournal() ? LineFormat.Journald : LineFormat.Text,
            StdoutMode.Text => LineFormat.Text,
            StdoutMode.Journald => LineFormat.Journald,
            StdoutMode.Json => LineFormat.Json,
            _ => null,
        };
        if (stdoutFormat is { } f)
            sinks.Add(stdout is null ? new StdoutSink(f) : new StreamSink(stdout, f));
        if (config.File is { } file)
        {
            var format = file.Format == LogFileFormat.Json ? LineFormat.Json : LineFormat.Text;
            sinks.Add(new RollingFileSink(new RollingFileOptions
            {
                Path = file.Path,
                MaxFileBytes = file.MaxFileBytes,
                RollEvery = file.RollEveryHours is { } h ? TimeSpan.FromHours(h) : null,
                RetainFiles = file.RetainFiles,
                RetainBytes = file.RetainBytes,
            }, format));
        }
        // The log system needs a sink; with stdout off and no file the lines go nowhere, as asked.
        if (sinks.Count == 0) sinks.Add(new StreamSink(Stream.Null, LineFormat.Text));

        var levels = new Dictionary<string, Microsoft.Extensions.Logging.LogLevel>(config.Levels, StringComparer.Ordinal);
        return new LogSystem(new LogOptions
        {
            DefaultLevel = config.Level,
            Levels = levels,
            FlushInterval = TimeSpan.FromMilliseconds(config.FlushIntervalMs),
            WriterCpus = housekeepingCpus,
            // The host disposes the log system last in its stop sequence; ProcessExit is the backstop.
            FlushOnProcessExit = true,
        }, [.. sinks]);
    }
}
