namespace OrleansEval.Grains.Rows;

/// <summary>
/// Uniform reservoir sampling (Vitter's Algorithm R) of a series' day, decided row by row from nothing but the row's
/// number in the day: row i is kept in slot i while i &lt; cap; beyond, j = hash(seed, i) mod (i + 1) and the row
/// replaces slot j when j &lt; cap. Stored rows keep their number and slot; per slot the row with the highest number
/// is the sample's, so the rows a day keeps are a uniform sample of cap of its rows whatever the writes interleaved.
/// </summary>
internal static class ReservoirSlots
{
    /// <summary>No slot: the row is not kept.</summary>
    public const long None = -1;

    /// <summary>The seed of a series' day: a stable hash of its row grain key and the day.</summary>
    public static ulong Seed(string rowGrainKey, DateOnly day) =>
        Sketches.Categories.StableHash.Hash64($"{rowGrainKey}#{day.DayNumber}");

    /// <summary>The slot of row <paramref name="row"/> (from 0) of a day with seed <paramref name="seed"/>, or <see cref="None"/>.</summary>
    public static long Slot(ulong seed, long row, long cap)
    {
        if (row < cap)
        {
            return row;
        }

        var j = (long)(Mix(seed ^ Mix((ulong)row)) % (ulong)(row + 1));
        return j < cap ? j : None;
    }

    // The finalizer of SplitMix64 (Steele, Lea and Flood 2014): a bijection of 64 bits whose output bits each depend on all input bits.
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
