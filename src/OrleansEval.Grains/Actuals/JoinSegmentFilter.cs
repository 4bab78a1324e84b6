using StableHash = OrleansEval.Sketches.Categories.StableHash;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// What a join shard knows of a sealed segment, stored as a record of its own beside the segment's rows: when its
/// predictions arrived, how many rows it has, and the sorted 32-bit hashes of their prediction ids (4 bytes a row), from
/// which the shard's <see cref="JoinSegmentEpochs"/> are built when the segment is sealed and on activation; the shard
/// keeps the rest in memory and the hashes only until the filter is stored and indexed. A prediction id whose hash is
/// absent is not in the segment; one whose hash is present is, but for a false positive, which happens with
/// probability rows / 2³² (1 in a million for a segment of 4,096 rows).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinSegmentFilter")]
public sealed class JoinSegmentFilter
{
    [Id(0)] public int Number { get; set; }

    [Id(1)] public DateTimeOffset FirstArrival { get; set; }

    [Id(2)] public DateTimeOffset LastArrival { get; set; }

    [Id(3)] public int Rows { get; set; }

    [Id(4)] public uint[] Hashes { get; set; } = [];

    /// <summary>The filter of a segment's rows, as they are now (a sealed segment's ids never change).</summary>
    public static JoinSegmentFilter Of(JoinSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var rows = segment.Rows;
        var hashes = new uint[rows.Count];
        for (var row = 0; row < hashes.Length; row++)
        {
            hashes[row] = HashOf(rows.PredictionId(row));
        }

        Array.Sort(hashes);
        return new JoinSegmentFilter
        {
            Number = segment.Number,
            FirstArrival = segment.FirstArrival,
            LastArrival = segment.LastArrival,
            Rows = rows.Count,
            Hashes = hashes,
        };
    }

    /// <summary>
    /// The hash the filters hold for a prediction id: the high half of <see cref="StableHash.Hash64(string)"/>, whose low
    /// bits choose the shard, so that the hashes of one shard's ids are still uniform.
    /// </summary>
    public static uint HashOf(string predictionId) => (uint)(StableHash.Hash64(predictionId) >> 32);
}
