using System.Text.Json;
using Orleans.Storage;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>
/// Grain storage that checks version tags as blob storage does: a write or delete under a tag that is not the stored
/// one is refused with <see cref="InconsistentStateException"/>. State is kept as JSON, so a read hands out a new
/// object, as a real store does. It can be made unreachable, and can lose the last write as a crashed store would.
/// </summary>
public sealed class VersionedStore : IGrainStorage
{
    private readonly Dictionary<string, (string Json, string ETag)> _records = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>While true, every call fails as a store that cannot be reached.</summary>
    public bool Unreachable { get; set; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfUnreachable();
        if (_records.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = JsonSerializer.Deserialize<T>(stored.Json)!;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfUnreachable();
        var key = Key(stateName, grainId);
        CheckTag(key, grainState.ETag);
        var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _records[key] = (JsonSerializer.Serialize(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfUnreachable();
        var key = Key(stateName, grainId);
        CheckTag(key, grainState.ETag);
        _records.Remove(key);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Writes a record behind the grain's back, as a write the grain never saw answered would: its tag moves on.</summary>
    public Task OverwriteAsync<T>(string stateName, GrainId grainId, T state) =>
        WriteStateAsync(stateName, grainId, new GrainState<T>(state) { ETag = Tag(stateName, grainId) });

    /// <summary>Forgets a record, as a store that lost writes it had confirmed.</summary>
    public void Lose(string stateName, GrainId grainId) => _records.Remove(Key(stateName, grainId));

    /// <summary>The record as stored now, or default when there is none.</summary>
    public T? Stored<T>(string stateName, GrainId grainId) =>
        _records.TryGetValue(Key(stateName, grainId), out var stored) ? JsonSerializer.Deserialize<T>(stored.Json) : default;

    private string? Tag(string stateName, GrainId grainId) => _records.TryGetValue(Key(stateName, grainId), out var stored) ? stored.ETag : null;

    private void CheckTag(string key, string? etag)
    {
        var stored = _records.TryGetValue(key, out var record) ? record.ETag : null;
        if (!string.Equals(stored, etag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"version tag {etag ?? "(none)"} is not the stored {stored ?? "(none)"}", stored ?? string.Empty, etag ?? string.Empty);
        }
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new IOException("connection refused");
        }
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
