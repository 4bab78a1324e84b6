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

    /// <summary>A copy of every log's entries, sharing nothing with <paramref name="logs"/>, for a write that runs while entries are added.</summary>
    public static Dictionary<string, AppliedLog> Copy(Dictionary<string, AppliedLog> logs) =>
        logs.ToDictionary(log => log.Key, log => new AppliedLog { Floor = log.Value.Floor, Sequences = [.. log.Value.Sequences] }, StringComparer.Ordinal);
}
