namespace OrleansEval.Grains.Features;

/// <summary>
/// What a column grain persists: every bucket as its own versioned bytes (keyed by bucket start, Unix seconds), the
/// baselines whose bins it counts exactly, the ingest-log entries it applied, the model's bucket size and the days
/// whose buckets were rolled up into one (keyed by the day's start).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.FeatureState")]
public sealed class FeatureState : Buckets.IBucketState
{
    [Id(0)] public Dictionary<long, byte[]> Buckets { get; set; } = [];

    [Id(1)] public Dictionary<string, double[]> ActiveBaselines { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public TimeSpan Bucket { get; set; }

    [Id(4)] public HashSet<long> RolledUpDays { get; set; } = [];

    /// <summary>The ingest-log entries applied, per log; they replace the recent batch ids once kept under id 2.</summary>
    [Id(5)] public Dictionary<string, Persistence.AppliedLog> Applied { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The bytes of buckets that could not be read, as they were stored, keyed by bucket start; kept for recovery, never read.</summary>
    [Id(6)] public Dictionary<long, byte[]> Quarantined { get; set; } = [];

    /// <summary>
    /// A copy to write while the grain goes on: every collection is copied, the byte arrays and cut points are shared (a
    /// bucket's bytes are replaced when they change, never changed in place; the cut points are made anew for each write).
    /// </summary>
    public FeatureState Snapshot() => new()
    {
        Buckets = new(Buckets),
        ActiveBaselines = new(ActiveBaselines, StringComparer.Ordinal),
        Bucket = Bucket,
        RolledUpDays = [.. RolledUpDays],
        Applied = Persistence.AppliedLog.Copy(Applied),
        Quarantined = new(Quarantined),
    };
}
