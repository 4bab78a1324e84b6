using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Models;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Features;

/// <summary>
/// A drift answer from kept rows: the baseline's rows (its series and window) and the window's, both narrowed to the
/// question's conditions, compared column by column with <see cref="ColumnDriftCalculator.FromRows"/>. Its cost is one
/// pass over the rows of both sides plus a sort of each numeric column's values.
/// </summary>
internal static class SlicedDrift
{
    // A baseline without an event-time window covers every kept row of its series.
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The report of <paramref name="query"/> (sliced, its conditions checked) against <paramref name="baseline"/>.</summary>
    public static Task<DriftReport> ReportAsync(IGrainFactory grains, ModelSnapshot snapshot, Baseline baseline, DriftQuery query, long ksExactCellBudget)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(query);
        var spec = baseline.Spec;
        return ReportAsync(
            snapshot,
            baseline,
            query,
            ksExactCellBudget,
            grains.ReadRowsAsync(new RowQuery(snapshot.ModelId, spec.Version, spec.Environment, spec.From ?? Earliest, spec.To ?? Latest)),
            grains.ReadRowsAsync(new RowQuery(snapshot.ModelId, query.Version, query.Environment, query.From, query.To)));
    }

    /// <summary>The report of <paramref name="query"/> over the baseline's rows and the window's, as read (the baseline's first).</summary>
    public static async Task<DriftReport> ReportAsync(ModelSnapshot snapshot, Baseline baseline, DriftQuery query, long ksExactCellBudget, IAsyncEnumerable<RowBlock> baselineRows, IAsyncEnumerable<RowBlock> currentRows)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(query);
        var tally = new RowDriftTally(snapshot.Definition, new RowFilter(query.Conditions));
        await AddAsync(tally, baselineRows, current: false);
        await AddAsync(tally, currentRows, current: true);
        var drifts = tally.Columns.Select((column, i) => baseline.FindColumn(column.Name) is { } reference
            ? ColumnDriftCalculator.FromRows(column.Name, tally.Baseline[i], tally.Current[i], reference, DriftPolicy.Default, tally.Sampled, ksExactCellBudget)
            : ColumnDriftCalculator.NotInBaseline(column)).ToArray();
        return new DriftReport
        {
            ModelId = snapshot.ModelId,
            Baseline = baseline.Name,
            Version = query.Version,
            Environment = query.Environment,
            Window = new TimeWindow(query.From, query.To),
            Count = tally.CurrentRows,
            Features = [.. drifts.Where((_, i) => tally.Columns[i].Role == ColumnRole.Feature)],
            Prediction = [.. drifts.Where((_, i) => tally.Columns[i].Role == ColumnRole.Prediction)],
            Actual = [.. drifts.Where((_, i) => tally.Columns[i].Role == ColumnRole.Actual)],
            Slice = query.Slice,
            Conditions = query.Conditions,
            Source = "rows",
            BaselineRows = tally.BaselineRows,
            CurrentRows = tally.CurrentRows,
            Sampled = tally.Sampled,
        };
    }

    private static async Task AddAsync(RowDriftTally tally, IAsyncEnumerable<RowBlock> rows, bool current)
    {
        await foreach (var block in rows)
        {
            tally.Add(block, current);
        }
    }
}
