using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Sinks;

/// <summary>
/// A file that rolls by size and/or time and keeps a bounded number and/or total size of rolled files.
/// The active file keeps its name (tail -F follows it); a rolled file is renamed
/// <c>{stem}.{yyyyMMddTHHmmssZ}.{sequence:D6}{ext}</c> with the UTC time it was rolled, e.g.
/// <c>appliance.20261121T141343Z.000042.log</c>. Retention goes by sequence number, newest kept.
/// Lines are never split across files.
/// </summary>
public sealed class RollingFileSink : LogSink
{
    private readonly RollingFileOptions _options;
    private readonly TimeProvider _time;
    private readonly string _directory;
    private readonly string _stem;
    private readonly string _extension;
    private FileStream _file;
    private long _length;
    private long _period;
    private long _sequence;
    private readonly List<(string Path, long Sequence, long Bytes)> _rolled;   // oldest first
    private long _rolledBytes;

    public RollingFileSink(RollingFileOptions options, LineFormat format = LineFormat.Text,
        LogLevel minLevel = LogLevel.Trace, TimeProvider? time = null)
        : base(format, minLevel)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid rolling file options: " + string.Join("; ", errors), nameof(options));
        _options = options;
        _time = time ?? TimeProvider.System;
        ActivePath = System.IO.Path.GetFullPath(options.Path);
        _directory = System.IO.Path.GetDirectoryName(ActivePath)!;
        _stem = System.IO.Path.GetFileNameWithoutExtension(ActivePath);
        _extension = System.IO.Path.GetExtension(ActivePath);
        _file = LogFile.OpenForAppend(ActivePath, out _);
        _length = _file.Length;
        // An active file left by a previous run belongs to the period it was last written in.
        _period = PeriodOf(_length > 0 ? File.GetLastWriteTimeUtc(ActivePath) : _time.GetUtcNow().UtcDateTime);
        _rolled = RolledFiles();
        _rolled.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach ((string _, long sequence, long bytes) in _rolled)
        {
            _sequence = Math.Max(_sequence, sequence);
            _rolledBytes += bytes;
        }
        ApplyRetention();
    }

    public string ActivePath { get; }

    public override void Write(ReadOnlySpan<byte> lines)
    {
        while (!lines.IsEmpty)
        {
            if (_options.RollEvery is not null && _length > 0 && PeriodOf(_time.GetUtcNow().UtcDateTime) != _period) Roll();
            if (_options.MaxFileBytes is long max && _length + lines.Length > max)
            {
                long room = max - _length;
                int cut = room > 0 ? lines[..(int)Math.Min(room, lines.Length)].LastIndexOf((byte)'\n') + 1 : 0;
                if (cut == 0)
                {
                    if (_length > 0)
                    {
                        Roll();
                        continue;
                    }
                    cut = lines.IndexOf((byte)'\n') + 1;   // one line longer than the limit: alone in its file
                }
                Append(lines[..cut]);
                lines = lines[cut..];
                continue;
            }
            Append(lines);
            return;
        }
    }

    public override void Flush(bool toDisk)
    {
        if (toDisk) _file.Flush(flushToDisk: true);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
    }

    private void Append(ReadOnlySpan<byte> lines)
    {
        _file.Write(lines);
        _length += lines.Length;
        if (_options.RetainBytes is long bytes && _rolledBytes + _length > bytes) ApplyRetention();
    }

    private void Roll()
    {
        DateTime now = _time.GetUtcNow().UtcDateTime;
        _file.Dispose();
        long sequence = _sequence + 1;
        string rolled = System.IO.Path.Combine(_directory,
            $"{_stem}.{now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.{sequence:D6}{_extension}");
        try
        {
            File.Move(ActivePath, rolled);
            _sequence = sequence;
            _rolled.Add((rolled, sequence, _length));
            _rolledBytes += _length;
        }
        finally
        {
            // Reopen whatever happened, so a failed rename costs a roll, not the log.
            _file = LogFile.OpenForAppend(ActivePath, out _);
            _length = _file.Length;
            _period = PeriodOf(now);
        }
        ApplyRetention();
    }

    /// <summary>Deletes the oldest rolled files until the count and total-size limits hold (the active file counts toward the size).</summary>
    private void ApplyRetention()
    {
        while (_rolled.Count > 0 &&
               (_options.RetainFiles is int files && _rolled.Count > files ||
                _options.RetainBytes is long bytes && _rolledBytes + _length > bytes))
        {
            (string path, _, long size) = _rolled[0];
            _rolled.RemoveAt(0);
            _rolledBytes -= size;
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Forgotten, not retried: an operator-owned file must not fail every write.
            }
        }
    }

    /// <summary>Rolled files of this sink: <c>{stem}.{16-char UTC time}.{digits}{ext}</c>.</summary>
    private List<(string Path, long Sequence, long Bytes)> RolledFiles()
    {
        var found = new List<(string, long, long)>();
        foreach (string path in Directory.EnumerateFiles(_directory, _stem + ".*" + _extension))
        {
            string name = System.IO.Path.GetFileName(path);
            if (!name.EndsWith(_extension, StringComparison.Ordinal) || name.Length <= _stem.Length + 1 + _extension.Length) continue;
            string middle = name[(_stem.Length + 1)..^_extension.Length];
            int dot = middle.IndexOf('.');
            if (dot != 16) continue;
            if (long.TryParse(middle.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
                found.Add((path, sequence, new FileInfo(path).Length));
        }
        return found;
    }

    private long PeriodOf(DateTime utc) => _options.RollEvery is { } every ? utc.Ticks / every.Ticks : 0;
}
