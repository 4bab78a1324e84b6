namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>A grain's persistent state over <see cref="VersionedStore"/>, as Orleans' own bridge keeps it: the state and its version tag.</summary>
public sealed class StoredState<T>(VersionedStore store, string stateName, GrainId grainId, T state) : IPersistentState<T>
{
    private readonly GrainState<T> _record = new(state);

    public T State
    {
        get => _record.State!;
        set => _record.State = value;
    }

    public string? Etag => _record.ETag;

    public bool RecordExists => _record.RecordExists;

    public Task ReadStateAsync() => store.ReadStateAsync(stateName, grainId, _record);

    public Task WriteStateAsync() => store.WriteStateAsync(stateName, grainId, _record);

    public Task ClearStateAsync() => store.ClearStateAsync(stateName, grainId, _record);
}
