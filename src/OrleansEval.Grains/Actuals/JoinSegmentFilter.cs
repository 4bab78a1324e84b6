using StableHash = OrleansEval.Sketches.Categories.StableHash;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// What a join shard knows of a sealed segment, stored as a record of its own beside the segment's rows: when its
/// predictions arrived, how many rows it has, and the sorted 40-bit keys of their prediction ids (<see cref="KeyOf"/>),
/// as a 32-bit hash and an 8-bit check each (5 bytes a row), from which the shard's <see cref="JoinSegmentEpochs"/> are
/// built when the segment is sealed and on activation; the shard keeps the rest in memory and the keys only until the
/// filter is stored and indexed. A prediction id whose key is absent is not in the segment; one whose key is present is,
/// but for a false positive. What a false positive costs is a read of the segment's rows, and a lookup meets one with
/// probability (rows of the whole window) / 2⁴⁰: one in 4,300 lookups with a million rows in the window had the keys
/// been the hash alone, one in 1.1 million with the check. A filter of the layout before checks has none
/// (<see cref="Checked"/> false), and any id of its hash is looked for in its segment.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinSegmentFilter")]
public sealed class JoinSegmentFilter
{
    [Id(0)] public int Number { get; set; }

    [Id(1)] public DateTimeOffset FirstArrival { get; set; }

    [Id(2)] public DateTimeOffset LastArrival { get; set; }

    [Id(3)] public int Rows { get; set; }

    /// <summary>The high 32 bits of each row's key, ascending (by key).</summary>
    [Id(4)] public uint[] Hashes { get; set; } = [];

    /// <summary>The low 8 bits of each row's key, beside its hash; empty (or null) in a filter of the layout before checks.</summary>
    [Id(5)] public byte[] Checks { get; set; } = [];

    /// <summary>Bytes a row of a filter takes in memory until it is stored: its hash and its check.</summary>
    public const int BytesPerRow = sizeof(uint) + sizeof(byte);

    /// <summary>Whether the filter holds each row's check, and not its hash alone (the layout before checks).</summary>
    public bool Checked => Checks is { } checks && checks.Length == Hashes.Length;

    /// <summary>The filter of a segment's rows, as they are now (a sealed segment's ids never change).</summary>
    public static JoinSegmentFilter Of(JoinSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var rows = segment.Rows;
        var keys = new ulong[rows.Count];
        for (var row = 0; row < keys.Length; row++)
        {
            keys[row] = KeyOf(rows.PredictionId(row));
        }

        Array.Sort(keys);
        var (hashes, checks) = (new uint[keys.Length], new byte[keys.Length]);
        for (var row = 0; row < keys.Length; row++)
        {
            (hashes[row], checks[row]) = ((uint)(keys[row] >> CheckBits), (byte)keys[row]);
        }

        return new JoinSegmentFilter
        {
            Number = segment.Number,
            FirstArrival = segment.FirstArrival,
            LastArrival = segment.LastArrival,
            Rows = rows.Count,
            Hashes = hashes,
            Checks = checks,
        };
    }

    /// <summary>Bits of a key below its hash.</summary>
    public const int CheckBits = 8;

    /// <summary>
    /// The key the filters hold for a prediction id: the high 40 bits of <see cref="StableHash.Hash64(string)"/>, whose
    /// low bits choose the shard, so that the keys of one shard's ids are still uniform. Its high 32 bits are the hash,
    /// its low 8 the check.
    /// </summary>
    public static ulong KeyOf(string predictionId) => StableHash.Hash64(predictionId) >> (64 - 32 - CheckBits);
}
