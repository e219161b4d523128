using System.Diagnostics;
using System.Text.Json;
using Appliance.MarketData.Journal;
using Appliance.Venue.Streams;

namespace Appliance.Venue.Replay;

/// <summary>
/// Serves a raw journal (src/Appliance.MarketData/Journal) instead of the random market: every recorded
/// payload, in order, to every market-data connection verbatim (as the recording client received it,
/// combined-wrapped or not), paced by the recorded receive times or as fast as possible. Answers to the
/// recording client's own requests (<c>{"result":..,"id":..}</c>) are left out: the venue answers requests
/// itself. One thread, the log's only writer in this mode.
/// </summary>
internal sealed class JournalReplay : IDisposable
{
    private readonly ReplayOptions _options;
    private readonly MessageLog _log;
    private readonly Action _published;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _running;
    private volatile bool _stopping;
    private long _read, _served, _skippedAnswers, _skippedConnections, _damaged;
    private volatile string? _problem;
    private volatile bool _done;
    private long _pausedAt;
    private long _pausedTicks;

    public JournalReplay(ReplayOptions options, MessageLog log, Action published, bool startPaused)
    {
        _options = options;
        _log = log;
        _published = published;
        _running = new ManualResetEventSlim(!startPaused);
        if (startPaused) _pausedAt = Stopwatch.GetTimestamp();
        Segments = Directory.Exists(options.Path)
            ? JournalReader.FindSegments(options.Path, options.Prefix)
            : File.Exists(options.Path) ? [options.Path] : throw new FileNotFoundException($"--replay: no journal at '{options.Path}'", options.Path);
        if (Segments.Count == 0) throw new FileNotFoundException($"--replay: no {options.Prefix}-NNNNNN.journal segments in '{options.Path}'", options.Path);
        _thread = new Thread(Run) { IsBackground = true, Name = "venue-replay" };
    }

    public IReadOnlyList<string> Segments { get; }

    public bool Paused => !_running.IsSet;

    public bool Done => _done;

    public void Start() => _thread.Start();

    public void Pause()
    {
        lock (_running)
        {
            if (!_running.IsSet) return;
            _pausedAt = Stopwatch.GetTimestamp();
            _running.Reset();
        }
    }

    public void Resume()
    {
        lock (_running)
        {
            if (_running.IsSet) return;
            _pausedTicks += Stopwatch.GetTimestamp() - _pausedAt; // paused time does not count against the pace
            _running.Set();
        }
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("replay");
        w.WriteString("path", _options.Path);
        w.WriteString("pace", _options.Pace.ToString());
        if (_options.Connection is { } c) w.WriteNumber("connection", c);
        w.WriteNumber("segments", Segments.Count);
        w.WriteNumber("records_read", Interlocked.Read(ref _read));
        w.WriteNumber("records_served", Interlocked.Read(ref _served));
        w.WriteNumber("skipped_answers", Interlocked.Read(ref _skippedAnswers));
        w.WriteNumber("skipped_other_connections", Interlocked.Read(ref _skippedConnections));
        w.WriteNumber("damaged_records", Interlocked.Read(ref _damaged));
        if (_problem is { } p) w.WriteString("problem", p);
        w.WriteBoolean("paused", Paused);
        w.WriteBoolean("done", _done);
        w.WriteEndObject();
    }

    private void Run()
    {
        long firstRecordTicks = 0;
        bool first = true;
        long startTicks = 0;
        try
        {
            foreach (string path in Segments)
            {
                using var reader = new JournalSegmentReader(path);
                double recordTicksPerSecond = reader.Header.ClockTicksPerSecond;
                while (!_stopping)
                {
                    JournalReadStatus status = reader.ReadNext(out JournalRecord record);
                    if (status == JournalReadStatus.End) break;
                    if (status == JournalReadStatus.TornTail)
                    {
                        _problem = $"{path}: torn tail at byte {record.Offset}";
                        break;
                    }
                    if (status == JournalReadStatus.CrcMismatch)
                    {
                        Interlocked.Increment(ref _damaged);
                        _problem = $"{path}: CRC mismatch at byte {record.Offset}";
                        if (reader.Offset >= new FileInfo(path).Length) break;
                        continue;
                    }
                    Interlocked.Increment(ref _read);
                    // Feed-session journals also hold connection, stale, snapshot and resync records
                    // (docs/market-data.md, "Record kinds"): only payloads are messages to serve.
                    if (record.Kind != JournalRecordKind.Payload) continue;
                    if (_options.Connection is { } only && record.ConnectionId != only)
                    {
                        Interlocked.Increment(ref _skippedConnections);
                        continue;
                    }
                    ReadOnlySpan<byte> payload = record.Payload.Span;
                    if (IsRequestAnswer(payload))
                    {
                        Interlocked.Increment(ref _skippedAnswers);
                        continue;
                    }

                    if (!_running.IsSet)
                    {
                        _published();
                        WaitWhilePaused();
                    }
                    if (first)
                    {
                        first = false;
                        firstRecordTicks = record.ReceiveTimestamp;
                        startTicks = Stopwatch.GetTimestamp() - _pausedTicks;
                    }
                    else if (_options.Pace.Speed > 0)
                    {
                        double dueSeconds = (record.ReceiveTimestamp - firstRecordTicks) / recordTicksPerSecond / _options.Pace.Speed;
                        if (!WaitUntil(startTicks, dueSeconds)) break;
                    }
                    if (!_log.Append(0, StreamKinds.Verbatim, 0, 0, payload, () => _stopping)) break;
                    long served = Interlocked.Increment(ref _served);
                    if (_options.Pace.Speed > 0 || (served & 255) == 0) _published();
                }
                if (_stopping) break;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _problem = e.Message;
        }
        _done = true;
        _published();
    }

    // Paces to the recorded receive times: sleeps while the next record is more than ~2 ms away, then spins.
    private bool WaitUntil(long startTicks, double dueSeconds)
    {
        while (!_stopping)
        {
            if (!_running.IsSet) WaitWhilePaused();
            double now = (Stopwatch.GetTimestamp() - startTicks - _pausedTicks) / (double)Stopwatch.Frequency;
            double ahead = dueSeconds - now;
            if (ahead <= 0) return true;
            if (ahead > 0.002)
            {
                _published(); // let readers drain what is already out while we wait
                Thread.Sleep(TimeSpan.FromSeconds(Math.Min(ahead - 0.001, 0.05)));
            }
            else Thread.SpinWait(50);
        }
        return false;
    }

    private void WaitWhilePaused()
    {
        while (!_stopping && !_running.Wait(100)) { }
    }

    /// <summary>True for <c>{"result":..,"id":..}</c> and <c>{"code":..,"msg":..}</c>: answers to the recording client's requests.</summary>
    internal static bool IsRequestAnswer(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return false;
            return reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("id"u8);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _running.Set();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(5));
        _running.Dispose();
    }
}
