using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Buckets;

/// <summary>What every grain state of event-time buckets holds besides its buckets.</summary>
internal interface IBucketState
{
    /// <summary>The model's bucket size, learned from the records received.</summary>
    TimeSpan Bucket { get; }

    /// <summary>The UTC days whose buckets were rolled up into one, keyed by the day's start.</summary>
    HashSet<long> RolledUpDays { get; }

    /// <summary>The ingest-log entries applied, per log.</summary>
    Dictionary<string, AppliedLog> Applied { get; }
}
