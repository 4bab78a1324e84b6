using OrleansEval.Models;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// What a slice grain persists: per member, every bucket as versioned bytes; the calibrations its estimation states
/// were built with (by fingerprint); the task the states score; the ingest-log entries it applied; the model's bucket size and
/// the days whose buckets were rolled up into one (keyed by the day's start) in every member.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.SliceState")]
public sealed class SliceState : Buckets.IBucketState
{
    [Id(0)] public Dictionary<string, Dictionary<long, byte[]>> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<ulong, byte[]> Calibrations { get; set; } = [];

    [Id(2)] public ModelTask Task { get; set; }

    [Id(3)] public string PositiveLabel { get; set; } = "1";

    /// <summary>Key of the estimation states new predictions go to: the current calibration and threshold.</summary>
    [Id(5)] public ulong CurrentCalibration { get; set; }

    [Id(6)] public TimeSpan Bucket { get; set; }

    [Id(7)] public HashSet<long> RolledUpDays { get; set; } = [];

    /// <summary>The ingest-log entries applied, per log (through a join shard for outcomes); they replace the recent batch ids once kept under id 4.</summary>
    [Id(8)] public Dictionary<string, Persistence.AppliedLog> Applied { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per member, the bytes of buckets that could not be read, as they were stored, keyed by bucket start; kept for recovery, never read.</summary>
    [Id(9)] public Dictionary<string, Dictionary<long, byte[]>> Quarantined { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The revision of each day's counts (keyed by the day's start): the sum of a hash of every change applied to a bucket
    /// of that day (see <c>SliceGrain.Fingerprint</c>), the same after a reload and a replay as before, so a count derived
    /// from a window's days can be told to still hold whatever reached the family's other days. Id 10 held one revision
    /// for the whole family before; it is not reused.
    /// </summary>
    [Id(11)] public Dictionary<long, ulong> DayFingerprints { get; set; } = [];

    /// <summary>
    /// A copy to write while the grain goes on: every collection is copied, the byte arrays are shared (a bucket's or a
    /// calibration's bytes are replaced when they change, never changed in place).
    /// </summary>
    public SliceState Snapshot() => new()
    {
        Members = Copy(Members),
        Calibrations = new(Calibrations),
        Task = Task,
        PositiveLabel = PositiveLabel,
        CurrentCalibration = CurrentCalibration,
        Bucket = Bucket,
        RolledUpDays = [.. RolledUpDays],
        Applied = Persistence.AppliedLog.Copy(Applied),
        Quarantined = Copy(Quarantined),
        DayFingerprints = new(DayFingerprints),
    };

    private static Dictionary<string, Dictionary<long, byte[]>> Copy(Dictionary<string, Dictionary<long, byte[]>> members) =>
        members.ToDictionary(member => member.Key, member => new Dictionary<long, byte[]>(member.Value), StringComparer.Ordinal);
}
