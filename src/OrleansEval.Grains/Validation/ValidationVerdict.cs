using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Compare;
using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>
/// Decides a validation from its findings: the slices that changed significantly, and the verdict's rules, each a
/// setting of <see cref="ValidationOptions"/>. A rule turned off is reported as such and never fails.
/// </summary>
internal static class ValidationVerdict
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    /// <summary>The slices of at least the minimum size whose test against the reference is significant, either way.</summary>
    public static ImmutableArray<SliceChange> Changed(ComparisonReport comparison, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(options);
        var higherIsBetter = ComparisonMetrics.HigherIsBetter(comparison.Metric);
        return
        [
            .. from slice in comparison.Slices
               let test = slice.Tests.FirstOrDefault()
               where test is { Delta: not null } && slice.Rows >= comparison.MinSize && test.QValue < options.MaxQValue
               let better = higherIsBetter ? test.Delta > 0 : test.Delta < 0
               select new SliceChange(slice.Slice, slice.Rows, test.Delta!.Value, test.QValue, better ? "better" : "worse"),
        ];
    }

    /// <summary>Every rule of the verdict, applied to the comparison, the changed slices and the drifted features.</summary>
    public static ImmutableArray<VerdictRule> Rules(ComparisonReport comparison, ImmutableArray<SliceChange> changed, ImmutableArray<string> drifted, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(options);
        return [Paired(comparison, options), WorseOverall(changed, options), WorseOnSlice(changed, comparison.MinSize, options), Drift(drifted, options)];
    }

    /// <summary><see cref="Fail"/> when any rule failed, <see cref="Pass"/> otherwise.</summary>
    public static string Of(ImmutableArray<VerdictRule> rules) => rules.Any(r => r.Failed) ? Fail : Pass;

    private static VerdictRule Paired(ComparisonReport comparison, ValidationOptions options)
    {
        var setting = options.FailWithoutPairedRows ? "on" : "off";
        return comparison.Paired > 0
            ? new("pairedRows", setting, Failed: false, $"{comparison.Paired.ToString(CultureInfo.InvariantCulture)} paired labelled rows")
            : new("pairedRows", setting, options.FailWithoutPairedRows, comparison.Reason ?? "no paired labelled rows");
    }

    private static VerdictRule WorseOverall(ImmutableArray<SliceChange> changed, ValidationOptions options)
    {
        var setting = options.FailWhenWorseOverall ? $"on, q < {Text(options.MaxQValue)}" : "off";
        var all = changed.FirstOrDefault(c => c.Slice == "all" && c.Direction == "worse");
        return all is null
            ? new("worseOverall", setting, Failed: false, "not significantly worse on the whole paired set")
            : new("worseOverall", setting, options.FailWhenWorseOverall, $"worse by {Text(all.Delta)} (q = {Text(all.QValue)})");
    }

    private static VerdictRule WorseOnSlice(ImmutableArray<SliceChange> changed, int minSize, ValidationOptions options)
    {
        var setting = options.FailWhenWorseOnSlice ? $"on, q < {Text(options.MaxQValue)}, slices of at least {minSize.ToString(CultureInfo.InvariantCulture)} rows" : "off";
        var worse = changed.Where(c => c.Slice != "all" && c.Direction == "worse").Select(c => c.Slice).ToList();
        return worse.Count == 0
            ? new("worseOnSlice", setting, Failed: false, "not significantly worse on any slice")
            : new("worseOnSlice", setting, options.FailWhenWorseOnSlice, $"worse on {string.Join(", ", worse)}");
    }

    private static VerdictRule Drift(ImmutableArray<string> drifted, ValidationOptions options)
    {
        var on = options.MaxDriftedFeatures >= 0;
        var setting = on ? $"at most {options.MaxDriftedFeatures.ToString(CultureInfo.InvariantCulture)} drifted features" : "off";
        var finding = drifted.IsEmpty ? "no feature drifted against production" : $"drifted against production: {string.Join(", ", drifted)}";
        return new("driftedFeatures", setting, on && drifted.Length > options.MaxDriftedFeatures, finding);
    }

    private static string Text(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
