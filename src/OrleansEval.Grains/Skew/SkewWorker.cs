using Orleans.Concurrency;
using OrleansEval.Compare;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Compare;
using OrleansEval.Rows;
using OrleansEval.Skew;

namespace OrleansEval.Grains.Skew;

/// <summary>
/// Per-example skew from the kept rows: reads the reference series' rows of its window into memory by prediction id
/// (the row with the later event time when an id was kept twice), then streams the current series' rows and compares
/// each joined id's features (<see cref="SkewTally"/>). A cancelled call stops the reads.
/// </summary>
[StatelessWorker]
internal sealed class SkewWorker(IGrainFactory grains) : Grain, ISkewWorker
{
    public async Task<SkewAnswer> CheckAsync(string modelId, SkewQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Check() is { } broken)
        {
            return SkewAnswer.Invalid(broken.Field, broken.Rule);
        }

        var snapshot = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        if (snapshot is null)
        {
            return SkewAnswer.UnknownModel(modelId);
        }

        foreach (var (field, series) in new[] { ("reference", query.Reference), ("current", query.Current) })
        {
            if (!snapshot.Series.Contains(series))
            {
                return SkewAnswer.Invalid(field, $"model '{modelId}' has no records of version '{series.Version}' in environment '{series.Environment}'");
            }
        }

        var reference = new Dictionary<string, (DateTimeOffset Timestamp, RowBlock Block, int Row)>(StringComparer.Ordinal);
        var sampled = false;
        await foreach (var block in grains.ReadRowsAsync(new RowQuery(modelId, query.Reference.Version, query.Reference.Environment, query.ReferenceFrom, query.ReferenceTo), cancellationToken))
        {
            sampled |= block.Sampled;
            if (reference.Count + block.Count > ComparisonRules.MostRowsPerSeries)
            {
                return SkewAnswer.Invalid("referenceFrom", new WindowTooLargeException(ComparisonRules.MostRowsPerSeries).Message);
            }

            for (var row = 0; row < block.Count; row++)
            {
                var id = block.PredictionIds[row];
                if (!reference.TryGetValue(id, out var kept) || kept.Timestamp <= block.Timestamps[row])
                {
                    reference[id] = (block.Timestamps[row], block, row);
                }
            }
        }

        var tally = new SkewTally(snapshot.Definition, query.Tolerance);
        var current = new Dictionary<string, (DateTimeOffset Timestamp, RowBlock Block, int Row)>(StringComparer.Ordinal);
        var currentRows = 0L;
        await foreach (var block in grains.ReadRowsAsync(new RowQuery(modelId, query.Current.Version, query.Current.Environment, query.From, query.To), cancellationToken))
        {
            sampled |= block.Sampled;
            currentRows += block.Count;
            for (var row = 0; row < block.Count; row++)
            {
                var id = block.PredictionIds[row];
                if (reference.ContainsKey(id) && (!current.TryGetValue(id, out var kept) || kept.Timestamp <= block.Timestamps[row]))
                {
                    current[id] = (block.Timestamps[row], block, row);
                }
            }
        }

        foreach (var (id, (_, block, row)) in current.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var (_, referenceBlock, referenceRow) = reference[id];
            tally.Compare(id, referenceBlock, referenceRow, block, row);
        }

        return SkewAnswer.Answered(new SkewReport(
            query.Reference,
            query.Current,
            reference.Count,
            currentRows,
            current.Count,
            query.Tolerance,
            tally.Features(),
            current.Count == 0 ? "no prediction id of the current window was kept by the reference series in its window" : null,
            sampled));
    }
}
