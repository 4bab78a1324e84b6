namespace OrleansEval.Sketches;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator ("Fast splittable pseudorandom number generators", 2014): a fixed stream
/// for a given seed on every machine and runtime, which <see cref="Random"/> does not promise.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>
    /// An integer in 0..<paramref name="bound"/> − 1 by the multiply-high mapping (bias below 2^-32 for any int bound).
    /// </summary>
    public int NextInt(int bound) => (int)(((UInt128)NextUInt64() * (ulong)bound) >> 64);
}
