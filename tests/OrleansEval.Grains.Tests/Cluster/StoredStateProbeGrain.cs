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
}

/// <summary>Reads the grains' storage directly, under the state names the grains declare.</summary>
public sealed class StoredStateProbeGrain(IServiceProvider services) : Grain, IStoredStateProbeGrain
{
    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    public async Task<ImmutableArray<long>> ColumnBucketsAsync(GrainId column)
    {
        var state = new GrainState<FeatureState>(new FeatureState());
        await _storage.ReadStateAsync("column", column, state);
        return [.. (state.State ?? new FeatureState()).Buckets.Keys.Order()];
    }

    public async Task<ImmutableArray<long>> SliceBucketsAsync(GrainId family, string member)
    {
        var state = new GrainState<SliceState>(new SliceState());
        await _storage.ReadStateAsync("slice", family, state);
        return [.. (state.State ?? new SliceState()).Members.GetValueOrDefault(member, []).Keys.Order()];
    }
}
