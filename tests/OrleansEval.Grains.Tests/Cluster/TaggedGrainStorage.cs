using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives the clusters of a test and checks version tags as blob storage does: a write or delete
/// under a tag that is not the stored one is refused with <see cref="InconsistentStateException"/>. It can move the
/// tags of records on behind the grains' backs, as a store that restarted, or applied writes whose answers were lost,
/// leaves the tags a grain holds stale. Used by one test at a time.
/// </summary>
public sealed class TaggedGrainStorage(Serializer serializer) : IGrainStorage
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
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        CheckTag(key, grainState.ETag);
        var etag = Guid.NewGuid().ToString("N");
        Table[key] = (serializer.SerializeToArray(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        CheckTag(key, grainState.ETag);
        Table.TryRemove(key, out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Gives every stored record whose state name starts with <paramref name="stateName"/> and whose grain key holds <paramref name="keyPart"/> a new tag.</summary>
    public static void MoveTagsOn(string stateName, string keyPart)
    {
        foreach (var key in Keys(stateName, keyPart))
        {
            Table.AddOrUpdate(key, _ => throw new InvalidOperationException(key), (_, stored) => (stored.State, Guid.NewGuid().ToString("N")));
        }
    }

    /// <summary>The stored records (as <c>state name/grain id</c>) whose state name starts with <paramref name="stateName"/> and whose grain key holds <paramref name="keyPart"/>.</summary>
    public static List<string> Keys(string stateName, string keyPart) =>
        [.. Table.Keys.Where(k => k.StartsWith(stateName, StringComparison.Ordinal) && k.Contains(keyPart, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static void CheckTag(string key, string? etag)
    {
        var stored = Table.TryGetValue(key, out var record) ? record.ETag : null;
        if (!string.Equals(stored, etag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"version tag {etag ?? "(none)"} is not the stored {stored ?? "(none)"}", stored ?? string.Empty, etag ?? string.Empty);
        }
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
