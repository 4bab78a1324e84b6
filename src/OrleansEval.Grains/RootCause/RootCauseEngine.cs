using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Rows;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// The computation behind a root-cause answer: the baseline's rows, then the window's, are counted block by block into a
/// <see cref="RootCauseTally"/>, which becomes the report. Its cost is one pass over the rows of both sides plus, per
/// feature, work in its number of bins.
/// </summary>
internal static class RootCauseEngine
{
    /// <summary>
    /// The report of <paramref name="query"/> (already checked, with <paramref name="metric"/> resolved) for a model of
    /// <paramref name="definition"/> against <paramref name="baseline"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<RootCauseReport> RunAsync(
        ModelDefinition definition,
        Baseline baseline,
        RootCauseQuery query,
        string metric,
        IAsyncEnumerable<RowBlock> baselineRows,
        IAsyncEnumerable<RowBlock> currentRows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var tally = new RootCauseTally(definition, baseline, metric, new RowFilter(query.Conditions));
        await AddAsync(tally, baselineRows, current: false, cancellationToken);
        await AddAsync(tally, currentRows, current: true, cancellationToken);
        return RootCauseFindings.Report(query, metric, baseline.Name, tally);
    }

    /// <summary>
    /// The baseline side alone under each of <paramref name="metrics"/>, every row of <paramref name="baselineRows"/>
    /// counted once for all of them (no conditions), for a current side then counted per bin against it.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<IReadOnlyList<RootCauseTally>> CountBaselineAsync(
        ModelDefinition definition,
        Baseline baseline,
        IReadOnlyList<string> metrics,
        IAsyncEnumerable<RowBlock> baselineRows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(metrics);
        var tallies = metrics.Select(metric => new RootCauseTally(definition, baseline, metric, new RowFilter([]))).ToList();
        await foreach (var block in baselineRows.WithCancellation(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var tally in tallies)
            {
                tally.Add(block, current: false);
            }
        }

        return tallies;
    }

    private static async Task AddAsync(RootCauseTally tally, IAsyncEnumerable<RowBlock> rows, bool current, CancellationToken cancellationToken)
    {
        await foreach (var block in rows.WithCancellation(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            tally.Add(block, current);
        }
    }
}
