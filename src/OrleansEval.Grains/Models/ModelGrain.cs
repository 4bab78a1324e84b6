using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Rollups;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Models;

/// <summary>
/// A model's configuration. Every change is written at once (it is rare and must not be lost). Calls go from this
/// grain to column grains and never back, so a freeze cannot deadlock with ingest.
/// </summary>
internal sealed partial class ModelGrain(
    [PersistentState("model", StorageNames.State)] IPersistentState<ModelState> state,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private string ModelId => this.GetPrimaryKeyString();

    // A model stored before its log's partitions were kept adopts the count configured now and keeps it: written at
    // once when storage takes it, else with the model's next write (the count is the configured one meanwhile).
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Definition is not null && state.State.LogPartitions == 0)
        {
            state.State.LogPartitions = options.Value.IngestLogPartitions;
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPartitionsNotStored(logger, e, ModelId);
            }
        }
    }

    public async Task<ModelChangeResult> DefineAsync(ModelDefinition definition)
    {
        var error = ModelDefinitionRules.Validate(definition);
        var current = state.State.Definition;
        if (error is null && current is not null)
        {
            error = ModelDefinitionRules.ValidateChange(current, definition);
        }

        if (error is not null)
        {
            return new ModelChangeResult(null, error, Created: false);
        }

        if (current is not null && SameDefinition(current, definition))
        {
            // A retried registration whose first attempt stored the model but failed before listing it is listed now.
            await grains.GetGrain<IModelRegistryGrain>(0).AddAsync(ModelId);
            return new ModelChangeResult(Snapshot(), null, Created: false);
        }

        state.State.Definition = definition;
        state.State.LogPartitions = state.State.LogPartitions > 0 ? state.State.LogPartitions : options.Value.IngestLogPartitions;
        state.State.Revision++;
        await WriteOrRollBackAsync();
        await grains.GetGrain<IModelRegistryGrain>(0).AddAsync(ModelId);
        return new ModelChangeResult(Snapshot(), null, Created: current is null);
    }

    // A change is only served once it is stored: if the write fails, the stored state is read back and the error rethrown.
    private async Task WriteOrRollBackAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }

    // Reads one field; safe to interleave with a freeze that is awaiting its column grains.
    public Task<long> GetRevisionAsync() => Task.FromResult(state.State.Definition is null ? -1 : state.State.Revision);

    public Task<ModelSnapshot?> GetAsync() => Task.FromResult(state.State.Definition is null ? null : Snapshot());

    public async Task RegisterSeriesAsync(SeriesId series)
    {
        if (state.State.Series.Contains(series))
        {
            return;
        }

        // Hand the new series every active baseline before it receives its first record, so its buckets count exactly.
        await Task.WhenAll(state.State.Baselines.Values.SelectMany(b => ActivateCalls(b, [series])));
        state.State.Series.Add(series);
        await WriteOrRollBackAsync();
    }

    public async Task<BaselineResult> FreezeBaselineAsync(string name, BaselineSpec spec)
    {
        var definition = state.State.Definition;
        if (definition is null)
        {
            return new BaselineResult(null, "modelId", "the model is not registered");
        }

        var error = BaselineSpecRules.Validate(name, spec, definition);
        if (error is not null)
        {
            return new BaselineResult(null, error.Value.Field, error.Value.Message);
        }

        var series = new SeriesId(spec.Version, spec.Environment);
        if (!state.State.Series.Contains(series))
        {
            return new BaselineResult(null, "version", $"no records have been received for version '{spec.Version}' in environment '{spec.Environment}'");
        }

        var window = BaselineWindows.Of(spec, DayRollup.For(definition.Bucket, options.Value), time.GetUtcNow());
        var columns = ModelColumns.For(definition);
        var summaries = await Task.WhenAll(columns.Select(c =>
            grains.GetGrain<IFeatureGrain>(FeatureKey.For(ModelId, series, c.Name).ToString()).SummarizeAsync(window)));

        // Every record reaches every column; the actual column exists from the model's creation, so it has them all.
        var recordCount = summaries.Length == 0 ? 0 : summaries[^1].Count + summaries[^1].Missing;
        if (recordCount == 0)
        {
            return new BaselineResult(null, "from", "the baseline's window holds no records");
        }

        var calibration = definition.Task == ModelTask.BinaryClassification
            ? await grains.GetGrain<ISliceGrain>(SliceGrainKey.For(ModelId, series, SliceKey.All)).FitCalibrationAsync(window)
            : [];
        var builder = new BaselineBuilder(spec, options.Value);
        var baseline = new Baseline
        {
            Calibration = calibration,
            Name = name,
            Revision = state.State.Revision + 1,
            Spec = spec,
            FrozenAt = time.GetUtcNow(),
            RecordCount = recordCount,
            Columns = [.. columns.Select((c, i) => builder.Build(c.Name, c.Type, summaries[i]))],
        };

        state.State.Baselines[name] = baseline;
        state.State.Revision = baseline.Revision;
        await WriteOrRollBackAsync();
        await Task.WhenAll(ActivateCalls(baseline, state.State.Series));

        // Root cause reads the baseline's side from counts made once, in the background, from its kept rows.
        await grains.GetGrain<IBaselineSideGrain>(BaselineSideKey.For(ModelId, name, baseline.Revision)).StartAsync(baseline);
        return new BaselineResult(baseline, null, null);
    }

    public Task<Baseline?> GetBaselineAsync(string name) => Task.FromResult(state.State.Baselines.GetValueOrDefault(name));

    public async Task<ImmutableArray<SeriesCount>> GetSeriesCountsAsync()
    {
        var definition = state.State.Definition;
        if (definition is null)
        {
            return [];
        }

        // Every record reaches every column (a missing value counts as missing); the actual column exists from the
        // model's creation, unlike a feature added later, so it holds the record count.
        var column = ModelColumns.For(definition)[^1].Name;
        var counts = await Task.WhenAll(state.State.Series.Select(async s =>
        {
            var records = await grains.GetGrain<IFeatureGrain>(FeatureKey.For(ModelId, s, column).ToString()).CountAsync(null);
            return new SeriesCount(s, records);
        }));
        return [.. counts];
    }

    private IEnumerable<Task> ActivateCalls(Baseline baseline, IEnumerable<SeriesId> series) =>
        from s in series
        from column in baseline.Columns
        where column.Type == FeatureType.Numeric
        select grains.GetGrain<IFeatureGrain>(FeatureKey.For(ModelId, s, column.Column).ToString())
            .ActivateBaselineAsync(new BaselineBins(baseline.Name, baseline.Revision, column.CutPoints));

    public async Task<ModelChangeError?> DefineSliceAsync(SliceDefinition slice)
    {
        var definition = state.State.Definition;
        if (definition is null)
        {
            return new ModelChangeError("modelId", "the model is not registered", IsConflict: false);
        }

        var error = SliceDefinitionRules.Validate(slice, definition);
        if (error is not null)
        {
            return error;
        }

        if (state.State.Slices.TryGetValue(slice.Name, out var existing) && existing.Conditions.SequenceEqual(slice.Conditions))
        {
            return null;
        }

        // A slice stored before generations were kept has none recorded: its replacement still takes the next one.
        var generation = Math.Max(state.State.SliceGenerations.GetValueOrDefault(slice.Name), existing is null ? 0 : existing.Generation + 1);
        state.State.SliceGenerations[slice.Name] = generation + 1;
        state.State.Revision++;
        state.State.Slices[slice.Name] = slice with { Revision = state.State.Revision, Generation = generation };
        await WriteOrRollBackAsync();
        return null;
    }

    public async Task<bool> RemoveSliceAsync(string name)
    {
        if (!state.State.Slices.Remove(name))
        {
            return false;
        }

        state.State.Revision++;
        await WriteOrRollBackAsync();
        return true;
    }

    private ModelSnapshot Snapshot()
    {
        var features = state.State.Definition!.Features.Where(f => f.Type == FeatureType.Numeric).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var baselines = state.State.Baselines.Values.OrderBy(b => b.Revision).ToList();
        var sliceBins = baselines
            .SelectMany(b => b.Columns)
            .Where(c => features.Contains(c.Column) && !c.CutPoints.IsDefaultOrEmpty)
            .Select(c => new ColumnBins(c.Column, c.CutPoints))
            .DistinctBy(c => (c.Column, string.Join(',', c.CutPoints)))
            .ToImmutableArray();
        return new ModelSnapshot(
            ModelId,
            state.State.Definition!,
            state.State.Revision,
            [.. state.State.Baselines.Keys.Order(StringComparer.Ordinal)],
            [.. state.State.Series],
            [.. state.State.Slices.Values.OrderBy(s => s.Name, StringComparer.Ordinal)],
            sliceBins,
            baselines.LastOrDefault(b => !b.Calibration.IsDefaultOrEmpty)?.Calibration ?? [])
        {
            LogPartitions = state.State.LogPartitions,
        };
    }

    private static bool SameDefinition(ModelDefinition a, ModelDefinition b) =>
        a.Task == b.Task && a.Bucket == b.Bucket && a.Threshold.Equals(b.Threshold)
        && a.PositiveLabel == b.PositiveLabel && a.NegativeLabel == b.NegativeLabel
        && a.Features.SequenceEqual(b.Features) && a.Tags.SequenceEqual(b.Tags) && a.Classes.SequenceEqual(b.Classes);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not store the ingest-log partition count of model {Model}; it is stored with the model's next write")]
    private static partial void LogPartitionsNotStored(ILogger logger, Exception exception, string model);
}
