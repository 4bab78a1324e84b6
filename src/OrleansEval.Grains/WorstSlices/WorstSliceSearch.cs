using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Sketches.Slicing;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WorstSlices;

/// <summary>
/// The computation behind a worst-slice answer: the rows become a slice table block by block, the SliceLine search runs
/// on the thread pool (not the grain's scheduler), and its result becomes the report.
/// </summary>
internal static class WorstSliceSearch
{
    /// <summary>The report of <paramref name="query"/> over <paramref name="rows"/> of a model of <paramref name="definition"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<WorstSliceReport> RunAsync(
        ModelDefinition definition,
        Baseline? baseline,
        WorstSliceQuery query,
        IAsyncEnumerable<RowBlock> rows,
        CancellationToken cancellationToken)
    {
        var builder = new SliceTableBuilder(definition, query.Metric, baseline);
        await foreach (var block in rows.WithCancellation(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(block);
        }

        var (table, columns) = builder.Build();
        var options = new SliceSearchOptions(query.Alpha, query.MinSize, query.MaxConditions, query.Limit);
        var result = await Task.Run(() => SliceLineSearch.Search(table, options, cancellationToken), cancellationToken);
        return WorstSliceFindings.Report(query, baseline?.Name, builder, table, columns, result);
    }
}
