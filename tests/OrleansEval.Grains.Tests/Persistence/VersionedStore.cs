using System.Globalization;
using System.Text.Json;
using Orleans.Storage;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>
/// Grain storage that checks version tags as blob storage does: a write or delete under a tag that is not the stored
/// one is refused with <see cref="InconsistentStateException"/>. State is kept as JSON in a table of its own, so a
/// read hands out a new object, as a real store does. It can be made unreachable, and can lose the last write as a
/// crashed store would.
/// </summary>
public sealed class VersionedStore() : RecordGrainStorage(new())
{
    private int _version;

    /// <summary>While true, every call fails as a store that cannot be reached.</summary>
    public bool Unreachable { get; set; }

    /// <inheritdoc />
    protected override bool ChecksTags => true;

    /// <summary>Writes a record behind the grain's back, as a write the grain never saw answered would: its tag moves on.</summary>
    public Task OverwriteAsync<T>(string stateName, GrainId grainId, T state) =>
        WriteStateAsync(stateName, grainId, new GrainState<T>(state) { ETag = Tag(stateName, grainId) });

    /// <summary>Forgets a record, as a store that lost writes it had confirmed.</summary>
    public void Lose(string stateName, GrainId grainId) => Records.TryRemove(Key(stateName, grainId), out _);

    /// <summary>The record as stored now, or default when there is none.</summary>
    public T? Stored<T>(string stateName, GrainId grainId) =>
        Records.TryGetValue(Key(stateName, grainId), out var stored) ? Decode<T>(stored.State) : default;

    /// <inheritdoc />
    protected override byte[] Encode<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state);

    /// <inheritdoc />
    protected override T Decode<T>(byte[] state) => JsonSerializer.Deserialize<T>(state)!;

    /// <inheritdoc />
    protected override string NewTag() => (++_version).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override void BeforeRead(string stateName) => ThrowIfUnreachable();

    /// <inheritdoc />
    protected override void BeforeChange(string stateName) => ThrowIfUnreachable();

    /// <summary>A grain that has no record reads a new state, no tag and no record.</summary>
    protected override void ReadNothing<T>(IGrainState<T> grainState)
    {
        base.ReadNothing(grainState);
        grainState.State = Activator.CreateInstance<T>();
    }

    private string? Tag(string stateName, GrainId grainId) => Records.TryGetValue(Key(stateName, grainId), out var stored) ? stored.ETag : null;

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new IOException("connection refused");
        }
    }
}
