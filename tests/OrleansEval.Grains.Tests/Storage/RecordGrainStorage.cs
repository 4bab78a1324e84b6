using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrleansEval.Grains.Tests.Storage;

/// <summary>
/// Grain storage over a table of encoded records, each with a version tag, as a real store keeps them: a read hands
/// out a new object. What tells the fakes apart is left to the derived types: how state is encoded, whether version
/// tags are checked as blob storage checks them, and which calls are refused, as a store that cannot be reached.
/// </summary>
/// <param name="records">The table the records live in; a static one outlives the silos that write to it.</param>
public abstract class RecordGrainStorage(ConcurrentDictionary<string, (byte[] State, string ETag)> records) : IGrainStorage
{
    /// <summary>The stored records, keyed by <c>state name/grain id</c>.</summary>
    protected ConcurrentDictionary<string, (byte[] State, string ETag)> Records => records;

    /// <summary>Whether a write or delete under a tag that is not the stored one is refused with <see cref="InconsistentStateException"/>.</summary>
    protected virtual bool ChecksTags => false;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        BeforeRead(stateName);
        if (records.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = Decode<T>(stored.State);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            ReadNothing(grainState);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Admit(stateName, grainId, grainState.ETag);
        var etag = NewTag();
        var encoded = Encode(grainState.State);
        records[key] = (encoded, etag);
        Written(stateName, encoded.Length);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        records.TryRemove(Admit(stateName, grainId, grainState.ETag), out _);
        Cleared(stateName);
        if (ChecksTags)
        {
            grainState.ETag = null;
        }

        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The key of a grain's record in the table.</summary>
    protected static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    /// <summary>Encodes a state as it is stored.</summary>
    protected abstract byte[] Encode<T>(T state);

    /// <summary>Decodes a stored state into a new object.</summary>
    protected abstract T Decode<T>(byte[] state);

    /// <summary>The tag a record gets when it is written.</summary>
    protected virtual string NewTag() => Guid.NewGuid().ToString("N");

    /// <summary>Runs before every read; throws to refuse it.</summary>
    protected virtual void BeforeRead(string stateName)
    {
    }

    /// <summary>Runs before every write and delete; throws to refuse it.</summary>
    protected virtual void BeforeChange(string stateName)
    {
    }

    /// <summary>Runs after a record of <paramref name="stateName"/> was stored as <paramref name="bytes"/> bytes.</summary>
    protected virtual void Written(string stateName, int bytes)
    {
    }

    /// <summary>Runs after a record of <paramref name="stateName"/> was deleted.</summary>
    protected virtual void Cleared(string stateName)
    {
    }

    /// <summary>What a read of a grain that has no record leaves in its state: where tags are checked, no tag and no record.</summary>
    protected virtual void ReadNothing<T>(IGrainState<T> grainState)
    {
        if (ChecksTags)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    private string Admit(string stateName, GrainId grainId, string? etag)
    {
        BeforeChange(stateName);
        var key = Key(stateName, grainId);
        if (ChecksTags)
        {
            CheckTag(key, etag);
        }

        return key;
    }

    private void CheckTag(string key, string? etag)
    {
        var stored = records.TryGetValue(key, out var record) ? record.ETag : null;
        if (!string.Equals(stored, etag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"version tag {etag ?? "(none)"} is not the stored {stored ?? "(none)"}", stored ?? string.Empty, etag ?? string.Empty);
        }
    }
}
