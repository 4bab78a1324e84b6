using System.Globalization;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Slices;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// What a baseline's kept side is counted at: the revision of its series' whole-model slice family on the days of the
/// baseline's window (moved by every record, outcome and correction counted in a bucket of those days) and the rows its
/// series' kept days in that window have had applied (moved when a day passes retention too). Records, actuals and
/// corrections of other days leave it where it is, and reading it writes nothing: one call to each grain, whatever the rows.
/// </summary>
internal static class BaselineRevision
{
    /// <summary>The revision of <paramref name="baseline"/>'s rows as they stand.</summary>
    public static async Task<string> ReadAsync(IGrainFactory grains, string modelId, Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var series = BaselineRows.Series(baseline);
        var window = BaselineRows.Window(baseline);
        var slices = grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, SliceKey.All)).GetBinCountsAsync(window);
        var days = grains.GetGrain<IRowGrain>(RowGrainKey.For(modelId, series).ToString()).GetKeptDaysAsync();
        await Task.WhenAll(slices, days);

        // The window's end is exclusive, as the row reader reads it: a window ending at midnight has no row of that day.
        var (first, last) = (DateOnly.FromDateTime(window.From.UtcDateTime), DateOnly.FromDateTime(window.To.AddTicks(-1).UtcDateTime));
        var kept = (await days).Where(day => day.Key >= first && day.Key <= last).Sum(day => day.Value);
        var revision = (await slices).Revision;
        return string.Create(CultureInfo.InvariantCulture, $"{revision}/{kept}");
    }
}
