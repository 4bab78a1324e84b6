using System.Globalization;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Slices;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// What a baseline's kept side is counted at: the revision of its series' whole-model slice family (moved by every
/// record, outcome and correction) and the rows its series' kept days in the baseline's window have had applied (moved
/// when a day passes retention too). One call to each, whatever the rows.
/// </summary>
internal static class BaselineRevision
{
    /// <summary>The revision of <paramref name="baseline"/>'s series as it stands.</summary>
    public static async Task<string> ReadAsync(IGrainFactory grains, string modelId, Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var series = BaselineRows.Series(baseline);
        var window = BaselineRows.Window(baseline);
        var slices = (await grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, SliceKey.All)).GetBinCountsAsync(window)).Revision;
        var days = await grains.GetGrain<IRowGrain>(RowGrainKey.For(modelId, series).ToString()).FlushAsync();
        var (first, last) = (DateOnly.FromDateTime(window.From.UtcDateTime), DateOnly.FromDateTime(window.To.UtcDateTime));
        var kept = days.Where(day => day.Key >= first && day.Key <= last).Sum(day => day.Value);
        return string.Create(CultureInfo.InvariantCulture, $"{slices}/{kept}");
    }
}
