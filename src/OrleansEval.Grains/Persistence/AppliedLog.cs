namespace OrleansEval.Grains.Persistence;

/// <summary>
/// What a grain persists about the entries of one ingest log it applied: the log's floor (every entry below it is
/// gone from the log, so it was applied and stored) and the sequence numbers at or above it that were applied.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.AppliedLog")]
public sealed class AppliedLog
{
    [Id(0)] public long Floor { get; set; }

    [Id(1)] public HashSet<long> Sequences { get; set; } = [];
}
