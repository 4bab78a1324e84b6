using Orleans.Serialization;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives the clusters of a test, serialized as a real store keeps it, and that can be told to
/// refuse the writes of column, slice, join and row grains while models, the registry and the ingest log still write:
/// what a process that dies before its grains' next timer write leaves in storage. It can refuse the ingest log's
/// writes too, as storage that cannot be reached. Version tags are not checked. Used by one test at a time.
/// </summary>
public sealed class CrashableGrainStorage(Serializer serializer) : SerializedGrainStorage<CrashableGrainStorage>(serializer)
{
    private static readonly string[] GrainStates = ["column", "slice", "join", "rows"];
    private static volatile bool s_refusing;
    private static volatile bool s_refusingLog;
    private static volatile string? s_refusedState;

    /// <summary>While true, the grains' own writes throw, as storage that cannot be reached would.</summary>
    public static bool RefuseGrainWrites
    {
        get => s_refusing;
        set => s_refusing = value;
    }

    /// <summary>While true, the ingest log's writes throw too.</summary>
    public static bool RefuseLogWrites
    {
        get => s_refusingLog;
        set => s_refusingLog = value;
    }

    /// <summary>While set, the writes of the states whose name starts with it throw, and no others: "join" for a label-join shard that stops before it stores what it changed.</summary>
    public static string? RefuseStateWrites
    {
        get => s_refusedState;
        set => s_refusedState = value;
    }

    /// <inheritdoc />
    protected override void BeforeChange(string stateName)
    {
        if ((RefuseGrainWrites && GrainStates.Any(s => stateName.StartsWith(s, StringComparison.Ordinal)))
            || (RefuseLogWrites && stateName.StartsWith("ingest-", StringComparison.Ordinal))
            || (RefuseStateWrites is { } refused && stateName.StartsWith(refused, StringComparison.Ordinal)))
        {
            throw new IOException($"storage refused the write of '{stateName}'");
        }
    }
}
