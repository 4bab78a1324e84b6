using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Slices;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>Reads what column and slice grains last wrote to the store, as a new activation of theirs would read it.</summary>
[Alias("OrleansEval.Tests.IStoredStateProbeGrain")]
public interface IStoredStateProbeGrain : IGrainWithIntegerKey
{
    /// <summary>The starts (Unix seconds) of the buckets a column grain has stored, ascending.</summary>
    [Alias("ColumnBuckets")]
    Task<ImmutableArray<long>> ColumnBucketsAsync(GrainId column);

    /// <summary>The starts (Unix seconds) of the buckets a slice grain has stored for one member, ascending.</summary>
    [Alias("SliceBuckets")]
    Task<ImmutableArray<long>> SliceBucketsAsync(GrainId family, string member);

    /// <summary>Writes a column grain's state before its first activation, as a store written by an earlier build holds it.</summary>
    [Alias("SeedColumn")]
    Task SeedColumnAsync(GrainId column, FeatureState state);

    /// <summary>Writes a slice grain's state before its first activation, as a store written by an earlier build holds it.</summary>
    [Alias("SeedSlice")]
    Task SeedSliceAsync(GrainId family, SliceState state);

    /// <summary>What a column grain last wrote.</summary>
    [Alias("ColumnState")]
    Task<FeatureState> ColumnStateAsync(GrainId column);

    /// <summary>What a slice grain last wrote.</summary>
    [Alias("SliceState")]
    Task<SliceState> SliceStateAsync(GrainId family);

    /// <summary>What a label-join shard last wrote as its own record.</summary>
    [Alias("JoinState")]
    Task<JoinState> JoinStateAsync(GrainId shard);

    /// <summary>Rewrites a label-join shard's record, as a store written by an earlier build holds it.</summary>
    [Alias("SeedJoin")]
    Task SeedJoinAsync(GrainId shard, JoinState state);

    /// <summary>A record of a label-join shard's outbox (a chunk, or the record before chunks); null when none is stored.</summary>
    [Alias("JoinOutbox")]
    Task<JoinOutboxRecord?> JoinOutboxAsync(GrainId shard, string stateName);

    /// <summary>Writes (or with null, deletes) a record of a label-join shard's outbox, as an earlier build left it.</summary>
    [Alias("SeedJoinOutbox")]
    Task SeedJoinOutboxAsync(GrainId shard, string stateName, JoinOutboxRecord? record);
}

/// <summary>Reads the grains' storage directly, under the state names the grains declare.</summary>
public sealed class StoredStateProbeGrain(IServiceProvider services) : Grain, IStoredStateProbeGrain
{
    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    public async Task<ImmutableArray<long>> ColumnBucketsAsync(GrainId column) => [.. (await ColumnStateAsync(column)).Buckets.Keys.Order()];

    public async Task<ImmutableArray<long>> SliceBucketsAsync(GrainId family, string member) =>
        [.. (await SliceStateAsync(family)).Members.GetValueOrDefault(member, []).Keys.Order()];

    public Task SeedColumnAsync(GrainId column, FeatureState state) => _storage.WriteStateAsync("column", column, new GrainState<FeatureState>(state));

    public Task SeedSliceAsync(GrainId family, SliceState state) => _storage.WriteStateAsync("slice", family, new GrainState<SliceState>(state));

    public Task<FeatureState> ColumnStateAsync(GrainId column) => ReadAsync<FeatureState>("column", column);

    public Task<SliceState> SliceStateAsync(GrainId family) => ReadAsync<SliceState>("slice", family);

    public Task<JoinState> JoinStateAsync(GrainId shard) => ReadAsync<JoinState>("join", shard);

    public Task SeedJoinAsync(GrainId shard, JoinState state) => _storage.WriteStateAsync("join", shard, new GrainState<JoinState>(state));

    public async Task<JoinOutboxRecord?> JoinOutboxAsync(GrainId shard, string stateName)
    {
        var record = new GrainState<JoinOutboxRecord>();
        await _storage.ReadStateAsync(stateName, shard, record);
        return record.RecordExists ? record.State : null;
    }

    public Task SeedJoinOutboxAsync(GrainId shard, string stateName, JoinOutboxRecord? record) => record is null
        ? _storage.ClearStateAsync(stateName, shard, new GrainState<JoinOutboxRecord>())
        : _storage.WriteStateAsync(stateName, shard, new GrainState<JoinOutboxRecord>(record));

    private async Task<T> ReadAsync<T>(string stateName, GrainId grain)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await _storage.ReadStateAsync(stateName, grain, state);
        return state.State ?? new T();
    }
}
