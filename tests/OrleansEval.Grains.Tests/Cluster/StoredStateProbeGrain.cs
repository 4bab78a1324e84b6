using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
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

    private async Task<T> ReadAsync<T>(string stateName, GrainId grain)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await _storage.ReadStateAsync(stateName, grain, state);
        return state.State ?? new T();
    }
}
