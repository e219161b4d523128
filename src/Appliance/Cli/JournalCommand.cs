using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;

namespace Appliance.Cli;

/// <summary>
/// `appliance journal stats|dump PATH [--format text|jsonl]`: what a raw journal holds. PATH is a segment
/// file or a directory of them. Damage (a torn tail, a CRC mismatch, a bad header) is reported with the
/// file and byte offset after everything readable was shown; the exit code is then 65 (EX_DATAERR).
/// </summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var cmd = new Command("journal", "Inspect a raw frame journal.");
        cmd.Subcommands.Add(CreateStats());
        cmd.Subcommands.Add(CreateDump());
        return cmd;
    }

    private static Argument<string> PathArgument() => new("path") { Description = "A journal segment file (md-000000.journal) or a directory of segments" };

    private static Command CreateStats()
    {
        var path = PathArgument();
        var cmd = new Command("stats", "Records by kind, bytes, time span, connections and damage, per segment and in total.") { path };
        cmd.SetAction(parse => Stats(parse.GetValue(path)!, Console.Out, Console.Error));
        return cmd;
    }

    private static Command CreateDump()
    {
        var path = PathArgument();
        var format = new Option<string>("--format") { Description = "text (default) or jsonl (one JSON object per record)", DefaultValueFactory = _ => "text" };
        var cmd = new Command("dump", "Every record: offset, kind, time, connection, line, length and payload.") { path, format };
        cmd.SetAction(parse =>
        {
            string f = parse.GetValue(format)!;
            if (f is not ("text" or "jsonl"))
            {
                Console.Error.WriteLine($"journal dump: --format '{f}' is not text or jsonl");
                return ExitCodes.Usage;
            }
            return Dump(parse.GetValue(path)!, f == "jsonl", Console.OpenStandardOutput(), Console.Error);
        });
        return cmd;
    }

    internal static int Stats(string path, TextWriter output, TextWriter errors)
    {
        IReadOnlyList<string>? files = JournalFiles.Resolve(path, out string? error);
        if (files is null) { errors.WriteLine($"journal: {error}"); return ExitCodes.NoInput; }
        var total = new SegmentStats();
        bool damaged = false;
        foreach (string file in files)
        {
            var stats = new SegmentStats();
            JournalHeader header;
            try
            {
                using var reader = new JournalSegmentReader(file);
                header = reader.Header;
                damaged |= Read(reader, stats, errors);
            }
            catch (InvalidDataException e)
            {
                errors.WriteLine($"journal: {e.Message}");
                damaged = true;
                continue;
            }
            catch (IOException e)
            {
                errors.WriteLine($"journal: {file}: {e.Message}");
                damaged = true;
                continue;
            }
            output.WriteLine($"{file}:");
            output.WriteLine($"  header: version {header.Version}, segment {header.SegmentIndex}, created {Iso(DateTime.UnixEpoch.AddTicks(header.CreatedUnixNs / 100))}, clock {header.ClockTicksPerSecond} ticks/s");
            stats.Write(output, header);
            total.Add(stats);
        }
        if (files.Count > 1)
        {
            output.WriteLine($"total ({files.Count} segments):");
            total.Write(output, null);
        }
        return damaged ? ExitCodes.DataError : ExitCodes.Ok;
    }

    // Reads every record into the stats; reports damage on errors. True if the segment is damaged.
    private static bool Read(JournalSegmentReader reader, SegmentStats stats, TextWriter errors)
    {
        bool damaged = false;
        long length = new FileInfo(reader.Path).Length;
        while (true)
        {
            JournalReadStatus status = reader.ReadNext(out JournalRecord record);
            if (status == JournalReadStatus.End) return damaged;
            if (status == JournalReadStatus.Record) { stats.Count(record); continue; }
            damaged = true;
            stats.Damage.Add(Describe(reader.Path, status, record.Offset, length));
            errors.WriteLine($"journal: {Describe(reader.Path, status, record.Offset, length)}");
            if (status == JournalReadStatus.TornTail || reader.Offset >= length) return true;
        }
    }

    private static string Describe(string path, JournalReadStatus status, long offset, long length) => status == JournalReadStatus.TornTail
        ? $"{path}: torn tail at offset {offset}: the last {length - offset} bytes are not a whole record (every record before it is intact)"
        : $"{path}: CRC mismatch in the record at offset {offset}";

    internal static int Dump(string path, bool jsonl, Stream stdout, TextWriter errors)
    {
        IReadOnlyList<string>? files = JournalFiles.Resolve(path, out string? error);
        if (files is null) { errors.WriteLine($"journal: {error}"); return ExitCodes.NoInput; }
        bool damaged = false;
        using var text = new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        foreach (string file in files)
        {
            JournalSegmentReader reader;
            try
            {
                reader = new JournalSegmentReader(file);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                text.Flush();
                errors.WriteLine($"journal: {(e is InvalidDataException ? e.Message : $"{file}: {e.Message}")}");
                damaged = true;
                continue;
            }
            using (reader)
            {
                long length = new FileInfo(file).Length;
                while (true)
                {
                    JournalReadStatus status = reader.ReadNext(out JournalRecord record);
                    if (status == JournalReadStatus.End) break;
                    if (status == JournalReadStatus.Record)
                    {
                        if (jsonl) WriteJson(text, file, reader.Header, record);
                        else WriteText(text, reader.Header, record);
                        continue;
                    }
                    text.Flush();
                    errors.WriteLine($"journal: {Describe(file, status, record.Offset, length)}");
                    damaged = true;
                    if (status == JournalReadStatus.TornTail || reader.Offset >= length) break;
                }
            }
        }
        text.Flush();
        return damaged ? ExitCodes.DataError : ExitCodes.Ok;
    }

    private static void WriteText(TextWriter o, in JournalHeader header, in JournalRecord r)
    {
        ReadOnlySpan<byte> p = r.Payload.Span;
        o.Write($"{r.Offset} {Iso(JournalFiles.WallTime(header, r.ReceiveTimestamp))} {JournalFiles.KindName(r.Kind)} conn={r.ConnectionId}");
        if (r.Kind is not (JournalRecordKind.Snapshot or JournalRecordKind.ResyncRequested or JournalRecordKind.SessionStart)) o.Write($" line={r.Aux}");
        o.Write($" len={p.Length}");
        foreach ((string key, string value) in Details(r)) o.Write($" {key}={value}");
        ReadOnlySpan<byte> body = Body(r);
        if (!body.IsEmpty) o.Write(' ');
        if (r.Kind == JournalRecordKind.SessionStart) o.Write(Encoding.UTF8.GetString(body).TrimEnd('\n').Replace("\n", " | ", StringComparison.Ordinal));
        else if (IsText(body)) o.Write(Encoding.UTF8.GetString(body));
        else o.Write(Convert.ToHexStringLower(body));
        o.WriteLine();
    }

    private static void WriteJson(StreamWriter o, string file, in JournalHeader header, in JournalRecord r)
    {
        o.Flush();
        using (var json = new Utf8JsonWriter(o.BaseStream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("offset", r.Offset);
            json.WriteString("kind", JournalFiles.KindName(r.Kind));
            json.WriteNumber("ticks", r.ReceiveTimestamp);
            json.WriteString("time", Iso(JournalFiles.WallTime(header, r.ReceiveTimestamp)));
            json.WriteNumber("connection", r.ConnectionId);
            json.WriteNumber("aux", r.Aux);
            json.WriteNumber("length", r.Payload.Length);
            foreach ((string key, string value) in Details(r))
            {
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) json.WriteNumber(key, n);
                else json.WriteString(key, value);
            }
            ReadOnlySpan<byte> body = Body(r);
            if (IsText(body)) json.WriteString("payload", Encoding.UTF8.GetString(body));
            else json.WriteString("payload_hex", Convert.ToHexStringLower(body));
            json.WriteEndObject();
        }
        o.BaseStream.WriteByte((byte)'\n');
    }

    /// <summary>The decoded fixed fields of the non-payload kinds (docs/market-data.md, journal record kinds).</summary>
    private static IEnumerable<(string, string)> Details(JournalRecord r)
    {
        byte[] p = r.Payload.ToArray();
        switch (r.Kind)
        {
            case JournalRecordKind.Connected when p.Length >= 4:
                yield return ("attempt", BinaryPrimitives.ReadUInt32LittleEndian(p).ToString(CultureInfo.InvariantCulture));
                break;
            case JournalRecordKind.Disconnected when p.Length >= 8:
                yield return ("reason", ((DisconnectReason)p[0]).ToString());
                yield return ("backoff_ms", BinaryPrimitives.ReadInt32LittleEndian(p.AsSpan(4)).ToString(CultureInfo.InvariantCulture));
                break;
            case JournalRecordKind.Stale when p.Length >= 8:
                yield return ("silence_ms", BinaryPrimitives.ReadInt64LittleEndian(p).ToString(CultureInfo.InvariantCulture));
                break;
            case JournalRecordKind.Snapshot when p.Length >= 12:
                yield return ("instrument", BinaryPrimitives.ReadUInt16LittleEndian(p).ToString(CultureInfo.InvariantCulture));
                yield return ("request", BinaryPrimitives.ReadInt32LittleEndian(p.AsSpan(4)).ToString(CultureInfo.InvariantCulture));
                yield return ("http", BinaryPrimitives.ReadInt32LittleEndian(p.AsSpan(8)).ToString(CultureInfo.InvariantCulture));
                break;
            case JournalRecordKind.ResyncRequested when p.Length >= 2:
                yield return ("instrument", BinaryPrimitives.ReadUInt16LittleEndian(p).ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The variable part of a record: the whole payload of payload and session records, the body of a snapshot, nothing of the fixed ones.</summary>
    private static ReadOnlySpan<byte> Body(in JournalRecord r) => r.Kind switch
    {
        JournalRecordKind.Payload or JournalRecordKind.SessionStart => r.Payload.Span,
        JournalRecordKind.Snapshot when r.Payload.Length >= 12 => r.Payload.Span[12..],
        JournalRecordKind.Connected or JournalRecordKind.Disconnected or JournalRecordKind.Stale or JournalRecordKind.ResyncRequested => default,
        _ => r.Payload.Span,
    };

    // Payloads are JSON themselves: keep their quotes readable rather than \u0022.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool IsText(ReadOnlySpan<byte> p)
    {
        if (!System.Text.Unicode.Utf8.IsValid(p)) return false;
        foreach (byte b in p) if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        return true;
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private sealed class SegmentStats
    {
        public long Records;
        public long Bytes;
        public readonly long[] ByKind = new long[8];
        public long FirstTicks = long.MaxValue;
        public long LastTicks = long.MinValue;
        public readonly SortedSet<int> Connections = [];
        public readonly List<string> Damage = [];
        public long TicksPerSecond;

        public void Count(in JournalRecord r)
        {
            Records++;
            Bytes += r.Payload.Length;
            ByKind[Math.Min((int)r.Kind, ByKind.Length - 1)]++;
            FirstTicks = Math.Min(FirstTicks, r.ReceiveTimestamp);
            LastTicks = Math.Max(LastTicks, r.ReceiveTimestamp);
            if (r.Kind != JournalRecordKind.Snapshot && r.ConnectionId != 0) Connections.Add(r.ConnectionId);
        }

        public void Add(SegmentStats s)
        {
            Records += s.Records;
            Bytes += s.Bytes;
            for (int i = 0; i < ByKind.Length; i++) ByKind[i] += s.ByKind[i];
            FirstTicks = Math.Min(FirstTicks, s.FirstTicks);
            LastTicks = Math.Max(LastTicks, s.LastTicks);
            Connections.UnionWith(s.Connections);
            Damage.AddRange(s.Damage);
            if (TicksPerSecond == 0) TicksPerSecond = s.TicksPerSecond;
        }

        public void Write(TextWriter o, JournalHeader? header)
        {
            long tps = header?.ClockTicksPerSecond ?? TicksPerSecond;
            if (header is { } h) TicksPerSecond = h.ClockTicksPerSecond;
            var kinds = Enumerable.Range(0, ByKind.Length).Where(i => ByKind[i] != 0).Select(i => $"{JournalFiles.KindName((JournalRecordKind)i)} {ByKind[i]}");
            o.WriteLine($"  records: {Records} ({string.Join(", ", kinds)})");
            o.WriteLine($"  payload bytes: {Bytes}");
            if (Records > 0 && tps > 0)
            {
                string span = ((LastTicks - FirstTicks) / (double)tps).ToString("0.000", CultureInfo.InvariantCulture);
                string first = header is { } hh ? $" ({Iso(JournalFiles.WallTime(hh, FirstTicks))} to {Iso(JournalFiles.WallTime(hh, LastTicks))})" : "";
                o.WriteLine($"  span: {span} s{first}");
            }
            o.WriteLine($"  connections: {(Connections.Count == 0 ? "none" : string.Join(", ", Connections))}");
            o.WriteLine($"  damage: {(Damage.Count == 0 ? "none" : string.Join("; ", Damage))}");
        }
    }
}
