using System.Runtime.CompilerServices;

namespace Appliance.Venue.Market;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the venue's only source of randomness, so a seed fixes the whole
/// market whatever the .NET version (System.Random's seeded algorithm is an implementation detail).
/// Mutable struct: keep it in a field and call it by reference.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, n) (Lemire's multiply-shift; the bias is below 2^-32 for our small n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>Uniform in [min, max].</summary>
    public long NextInclusive(long min, long max) => min + (long)(NextUInt64() % (ulong)(max - min + 1));

    /// <summary>0, 1, 2, ... with P(k) = (1-p) p^k, capped: most activity near the touch.</summary>
    public int Geometric(int percentContinue, int cap)
    {
        int k = 0;
        while (k < cap && Next(100) < percentContinue) k++;
        return k;
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
