using System.Text.Unicode;
using Appliance.Logging.Buffers;
using Appliance.Logging.Formatting;
using Appliance.Primitives.Time;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Writer;

// Once per pass, after draining: wall-clock anchor, burst expiry, drop notices, dead threads' rings.
internal sealed unsafe partial class LogWriter
{
    private void Housekeeping(long now)
    {
        _clock.RenewIfDue(now);
        _system.Levels.ExpireBursts(now);
        long drops = _system.DroppedTotal;
        if (drops != _dropsReported)
        {
            _dropsReported = drops;
            ReportDrops(now);
        }
        if (now >= _nextReap)
        {
            _nextReap = now + MonoClock.Frequency;
            Reap();
        }
    }

    /// <summary>
    /// "dropped 120 records of category Feed (ring full): Information 100, Debug 20" at Warning, written as
    /// soon as the writer gets here, which is right after it made room. Formatted without allocating.
    /// </summary>
    private void ReportDrops(long now)
    {
        foreach (Logger logger in _system.Loggers)
        {
            long total = 0;
            for (int level = 0; level < logger.Drops.Length; level++)
                total += Volatile.Read(ref logger.Drops[level]) - logger.ReportedDrops[level];
            if (total == 0) continue;

            Span<byte> text = MessageSpace;
            int n = 0;
            Append("dropped "u8, text, ref n);
            total.TryFormat(text[n..], out int w);
            n += w;
            Append(" records of category "u8, text, ref n);
            Utf8.FromUtf16(logger.Category, text[n..], out _, out w);
            n += w;
            Append(" (ring full):"u8, text, ref n);
            bool first = true;
            for (int level = 0; level < logger.Drops.Length; level++)
            {
                long now_ = Volatile.Read(ref logger.Drops[level]);
                long delta = now_ - logger.ReportedDrops[level];
                logger.ReportedDrops[level] = now_;
                if (delta == 0) continue;
                Append(first ? " "u8 : ", "u8, text, ref n);
                first = false;
                Append(LevelName(level), text, ref n);
                text[n++] = (byte)' ';
                delta.TryFormat(text[n..], out w);
                n += w;
            }
            EmitLine(now, (int)LogLevel.Warning, _system.Internal.CategoryId, _messageStart, n);
        }
    }

    private static ReadOnlySpan<byte> LevelName(int level) => level switch
    {
        0 => "Trace"u8,
        1 => "Debug"u8,
        2 => "Information"u8,
        3 => "Warning"u8,
        4 => "Error"u8,
        5 => "Critical"u8,
        _ => "None"u8,
    };

    private static void Append(ReadOnlySpan<byte> part, Span<byte> text, ref int n)
    {
        part.CopyTo(text[n..]);
        n += part.Length;
    }

    /// <summary>Rings whose thread has ended (or that were replaced) and that are empty go back to the pool.</summary>
    private void Reap()
    {
        _dead.Clear();
        foreach (ProducerBuffer p in _system.Producers)
            if ((p.Retired || !p.Owner.IsAlive) && p.ReadPos == p.ReadPublished() && p.DurableWanted == 0)
                _dead.Add(p);
        if (_dead.Count > 0) _system.Reap(_dead);
    }
}
