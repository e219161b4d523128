using System.Numerics;
using System.Text;

namespace Appliance.Primitives.Threading;

/// <summary>
/// A set of CPU ids (0..1023, glibc's cpu_set_t) in Linux's list syntax: "0-3,8,10-11".
/// Immutable; built on the cold path (config, start-up).
/// </summary>
public sealed class CpuSet : IEquatable<CpuSet>
{
    public const int MaxCpus = LibC.CpuSetBytes * 8;

    private readonly ulong[] _bits = new ulong[MaxCpus / 64];

    public static readonly CpuSet Empty = new([]);

    public CpuSet(IEnumerable<int> cpus)
    {
        foreach (int cpu in cpus)
        {
            if ((uint)cpu >= MaxCpus) throw new ArgumentOutOfRangeException(nameof(cpus), cpu, $"CPU ids are 0..{MaxCpus - 1}");
            _bits[cpu >> 6] |= 1UL << (cpu & 63);
        }
    }

    public static CpuSet Of(params int[] cpus) => new(cpus);

    public int Count
    {
        get { int n = 0; foreach (ulong w in _bits) n += BitOperations.PopCount(w); return n; }
    }

    public bool IsEmpty => Count == 0;

    public bool Contains(int cpu) => (uint)cpu < MaxCpus && (_bits[cpu >> 6] & (1UL << (cpu & 63))) != 0;

    public IEnumerable<int> Cpus
    {
        get
        {
            for (int i = 0; i < MaxCpus; i++) if (Contains(i)) yield return i;
        }
    }

    public bool IsSubsetOf(CpuSet other)
    {
        for (int i = 0; i < _bits.Length; i++) if ((_bits[i] & ~other._bits[i]) != 0) return false;
        return true;
    }

    internal void CopyTo(Span<byte> mask)
    {
        mask.Clear();
        for (int i = 0; i < _bits.Length; i++)
            for (int b = 0; b < 8; b++) mask[i * 8 + b] = (byte)(_bits[i] >> (b * 8));
    }

    internal static CpuSet FromMask(ReadOnlySpan<byte> mask)
    {
        var cpus = new List<int>();
        for (int i = 0; i < mask.Length * 8 && i < MaxCpus; i++)
            if ((mask[i >> 3] & (1 << (i & 7))) != 0) cpus.Add(i);
        return new CpuSet(cpus);
    }

    /// <summary>Parses the kernel's list syntax. Empty or whitespace is the empty set (as /sys/.../isolated says "none").</summary>
    public static bool TryParse(string? text, out CpuSet set, out string error)
    {
        set = Empty;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        var cpus = new List<int>();
        foreach (string rawPart in text.Trim().Split(','))
        {
            string part = rawPart.Trim();
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                if (!TryCpu(part, out int cpu)) { error = $"'{part}' is not a CPU id (0..{MaxCpus - 1})"; return false; }
                cpus.Add(cpu);
                continue;
            }
            if (!TryCpu(part[..dash], out int lo) || !TryCpu(part[(dash + 1)..], out int hi) || hi < lo)
            {
                error = $"'{part}' is not a CPU range like 2-5";
                return false;
            }
            for (int c = lo; c <= hi; c++) cpus.Add(c);
        }
        set = new CpuSet(cpus);
        return true;
    }

    public static CpuSet Parse(string text) =>
        TryParse(text, out var set, out string error) ? set : throw new FormatException($"CPU list \"{text}\": {error}");

    private static bool TryCpu(string s, out int cpu) =>
        int.TryParse(s.Trim(), System.Globalization.NumberStyles.None, null, out cpu) && cpu < MaxCpus;

    /// <summary>The kernel's list syntax, ranges collapsed; "" for the empty set.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < MaxCpus)
        {
            if (!Contains(i)) { i++; continue; }
            int start = i;
            while (i + 1 < MaxCpus && Contains(i + 1)) i++;
            if (sb.Length > 0) sb.Append(',');
            sb.Append(start);
            if (i > start) sb.Append('-').Append(i);
            i++;
        }
        return sb.ToString();
    }

    public bool Equals(CpuSet? other) => other is not null && _bits.AsSpan().SequenceEqual(other._bits);
    public override bool Equals(object? obj) => Equals(obj as CpuSet);
    public override int GetHashCode() { var h = new HashCode(); foreach (ulong w in _bits) h.Add(w); return h.ToHashCode(); }
}
