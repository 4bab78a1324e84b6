using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Keys;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Reads a model's kept rows. It first asks the row grains of the series concerned and of the model's late actuals to
/// write what they buffer (so every acknowledged row is in a part) and how many rows each day had; then reads the
/// parts day by day, newest day first, through a <see cref="RowDayReader"/>: a day's blocks come in descending order of
/// their newest row, each block's rows newest first, each row with the latest of its own actual and the model's late
/// actuals for its prediction id.
/// A day that had more rows than <c>RowsPerDay</c> keeps, per reservoir slot, the row with the highest number, and
/// its blocks say they are a sample. Cancellation is honoured between blocks. One activation serves one read (callers
/// go through <see cref="RowReads"/>): placed on the caller's silo, and deactivated once the read ends.
/// </summary>
[PreferLocalPlacement]
internal sealed class RowReader(
    IGrainFactory grains,
    IRowBlobStore store,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time) : Grain, IRowReader
{
    public async IAsyncEnumerable<RowBlock> ReadAsync(RowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            await foreach (var block in BlocksAsync(query, cancellationToken))
            {
                yield return block;
            }
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    private async IAsyncEnumerable<RowBlock> BlocksAsync(RowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var snapshot = await grains.GetGrain<IModelGrain>(query.ModelId).GetAsync();
        if (snapshot is null || query.To <= query.From)
        {
            yield break;
        }

        var series = snapshot.Series
            .Where(s => (query.Version is null || s.Version == query.Version) && (query.Environment is null || s.Environment == query.Environment))
            .ToList();
        var counts = await Task.WhenAll(series.Select(s => grains.GetGrain<IRowGrain>(RowGrainKey.For(query.ModelId, s).ToString()).FlushAsync()));
        var actualsKey = RowGrainKey.Actuals(query.ModelId);
        await grains.GetGrain<IRowGrain>(actualsKey.ToString()).FlushAsync();

        var retention = new RowRetention(options.Value.RowRetention, time.GetUtcNow());
        var late = await LateActuals.ReadAsync(store, actualsKey, retention, cancellationToken);
        var first = DateOnly.FromDateTime(query.From.UtcDateTime);
        var last = DateOnly.FromDateTime(query.To.AddTicks(-1).UtcDateTime);
        var parts = new List<(DateOnly Day, int Series, string Name)>();
        var times = new Dictionary<string, RowPartTimes>(StringComparer.Ordinal);
        for (var s = 0; s < series.Count; s++)
        {
            var key = RowGrainKey.For(query.ModelId, series[s]);
            await foreach (var (name, span) in store.ListWithTimesAsync(RowPaths.Prefix(key), cancellationToken))
            {
                if (RowPaths.TryDay(key, name, out var day) && day >= first && day <= last && counts[s].ContainsKey(day))
                {
                    parts.Add((day, s, name));
                    if (span is { } known)
                    {
                        times[name] = known;
                    }
                }
            }
        }

        var cap = options.Value.RowsPerDay;
        var reader = new RowDayReader(store, query, snapshot.Definition, late, cap);
        foreach (var day in parts.GroupBy(p => p.Day).OrderByDescending(g => g.Key))
        {
            var seriesDays = day.GroupBy(p => p.Series).OrderBy(g => g.Key).Select(g => new RowSeriesDay(
                series[g.Key],
                [.. g.Select(p => p.Name).OrderDescending(StringComparer.Ordinal)],
                counts[g.Key].GetValueOrDefault(day.Key) > cap,
                times)).ToList();
            await foreach (var block in reader.ReadAsync(seriesDays, cancellationToken))
            {
                yield return block;
            }
        }
    }
}
