using System.Text.Json;
using Appliance.Venue.Streams;

namespace Appliance.Venue.Faults;

/// <summary>
/// One fault applied to one connection, and exactly what it did — which ids were skipped, which messages were
/// sent twice, how many were withheld — so a test can assert its client detected precisely that.
/// Written by the connection's sender (under the record's lock), read by /control/stats.
/// </summary>
public sealed class FaultRecord
{
    private readonly object _gate = new();
    private readonly List<IdRange> _skipped = [];
    private readonly List<IdRange> _duplicated = [];
    private readonly Dictionary<string, (long Count, long First, long Last)> _withheld = new();

    public FaultRecord(int id, FaultSpec spec, string channel, int connectionId)
    {
        Id = id;
        Spec = spec;
        Channel = channel;
        ConnectionId = connectionId;
        CreatedUtc = DateTime.UtcNow;
    }

    public int Id { get; }

    public FaultSpec Spec { get; }

    public string Channel { get; }

    public int ConnectionId { get; }

    public DateTime CreatedUtc { get; }

    public string State { get; private set; } = "pending";

    public DateTime? StartedUtc { get; private set; }

    public DateTime? EndedUtc { get; private set; }

    public string? Note { get; private set; }

    public long Frames { get; private set; }

    public long Bytes { get; private set; }

    public long Messages { get; private set; }

    /// <summary>Completes when the fault is done (or could not apply).</summary>
    public Task Completion => _done.Task;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<IdRange> Skipped { get { lock (_gate) return _skipped.ToArray(); } }

    public IReadOnlyList<IdRange> Duplicated { get { lock (_gate) return _duplicated.ToArray(); } }

    public void Start()
    {
        lock (_gate)
        {
            if (State != "pending") return;
            State = "active";
            StartedUtc = DateTime.UtcNow;
        }
    }

    public void Finish(string state = "done", string? note = null)
    {
        lock (_gate)
        {
            if (State is "done" or "cleared" or "not_applied") return;
            StartedUtc ??= DateTime.UtcNow;
            State = state;
            EndedUtc = DateTime.UtcNow;
            if (note is not null) Note = note;
        }
        _done.TrySetResult();
    }

    public void AddSkipped(string stream, long first, long last)
    {
        lock (_gate) { _skipped.Add(new IdRange(stream, first, last)); Messages++; }
    }

    public void AddDuplicated(string stream, long first, long last, int bytes)
    {
        lock (_gate) { _duplicated.Add(new IdRange(stream, first, last)); Messages++; Frames++; Bytes += bytes; }
    }

    public void AddWithheld(string stream, long first, long last)
    {
        lock (_gate)
        {
            Messages++;
            _withheld[stream] = _withheld.TryGetValue(stream, out var w) ? (w.Count + 1, w.First, last) : (1, first, last);
        }
    }

    public void AddMessage(long bytes)
    {
        lock (_gate) { Messages++; Frames++; Bytes += bytes; }
    }

    public void AddSent(long frames, long bytes)
    {
        lock (_gate) { Frames += frames; Bytes += bytes; }
    }

    public void SetNote(string note)
    {
        lock (_gate) Note = note;
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteNumber("id", Id);
            w.WriteString("kind", FaultSpec.NameOf(Spec.Kind));
            w.WriteString("channel", Channel);
            w.WriteNumber("connection", ConnectionId);
            w.WriteString("state", State);
            w.WriteString("created", CreatedUtc);
            if (StartedUtc is { } s) w.WriteString("started", s);
            if (EndedUtc is { } e) w.WriteString("ended", e);
            if (Note is not null) w.WriteString("note", Note);
            w.WriteNumber("messages", Messages);
            w.WriteNumber("frames", Frames);
            w.WriteNumber("bytes", Bytes);
            WriteRanges(w, "skipped", _skipped);
            WriteRanges(w, "duplicated", _duplicated);
            w.WriteStartArray("withheld");
            foreach ((string stream, (long count, long first, long last)) in _withheld)
            {
                w.WriteStartObject();
                w.WriteString("stream", stream);
                w.WriteNumber("count", count);
                w.WriteNumber("first_id", first);
                w.WriteNumber("last_id", last);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private static void WriteRanges(Utf8JsonWriter w, string name, List<IdRange> ranges)
    {
        w.WriteStartArray(name);
        foreach (IdRange r in ranges)
        {
            w.WriteStartObject();
            w.WriteString("stream", r.Stream);
            w.WriteNumber("first_id", r.FirstId);
            w.WriteNumber("last_id", r.LastId);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
