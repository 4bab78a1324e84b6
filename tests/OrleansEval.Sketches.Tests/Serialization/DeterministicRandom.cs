namespace OrleansEval.Sketches.Tests.Serialization;

/// <summary>
/// SplitMix64 generator for test inputs. <see cref="NextDouble"/> and <see cref="NextInt"/> use integer arithmetic only, so
/// the streams they produce (and the golden files built from them) are identical on every machine.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
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

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on 0..<paramref name="bound"/> − 1.</summary>
    public int NextInt(int bound) => (int)((NextUInt64() >> 33) * (ulong)bound >> 31);

    /// <summary>Standard normal by Box–Muller (uses transcendental functions: not for golden inputs).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Zipf-like rank in 0..<paramref name="n"/> − 1: P(i) ∝ 1/(i + 1)^<paramref name="s"/>, by inversion on a table.</summary>
    public static Func<DeterministicRandom, int> Zipf(int n, double s)
    {
        var cumulative = new double[n];
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            total += 1.0 / Math.Pow(i + 1, s);
            cumulative[i] = total;
        }

        return random =>
        {
            var u = random.NextDouble() * total;
            var index = Array.BinarySearch(cumulative, u);
            return Math.Min(index < 0 ? ~index : index, n - 1);
        };
    }
}
