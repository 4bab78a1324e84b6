using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives any one silo of an in-process test cluster: state is serialized with the silo's
/// serializer into one process-wide table, as a real store would keep it, so a grain that moves to another silo
/// after a shutdown reads exactly what its last activation wrote.
/// </summary>
public sealed class SharedGrainStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] State, string ETag)> Table = new();

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
        var etag = Guid.NewGuid().ToString("N");
        Table[Key(stateName, grainId)] = (serializer.SerializeToArray(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Table.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
