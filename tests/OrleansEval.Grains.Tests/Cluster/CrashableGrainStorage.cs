using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives the clusters of a test, serialized as a real store keeps it, and that can be told to
/// refuse the writes of column, slice and join grains while models, the registry and the ingest log still write:
/// what a process that dies before its grains' next timer write leaves in storage. It can refuse the ingest log's
/// writes too, as storage that cannot be reached. Used by one test at a time.
/// </summary>
public sealed class CrashableGrainStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] State, string ETag)> Table = new();
    private static readonly string[] GrainStates = ["column", "slice", "join"];
    private static volatile bool s_refusing;
    private static volatile bool s_refusingLog;

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

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Table.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.State);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Refuse(stateName);
        var etag = Guid.NewGuid().ToString("N");
        Table[Key(stateName, grainId)] = (serializer.SerializeToArray(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Refuse(stateName);
        Table.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void Refuse(string stateName)
    {
        if ((RefuseGrainWrites && GrainStates.Any(s => stateName.StartsWith(s, StringComparison.Ordinal)))
            || (RefuseLogWrites && stateName.StartsWith("ingest-", StringComparison.Ordinal)))
        {
            throw new IOException($"storage refused the write of '{stateName}'");
        }
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
