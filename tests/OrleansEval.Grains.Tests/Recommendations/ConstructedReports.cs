using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.Tests.Recommendations;

/// <summary>Root-cause reports written by hand, so the rules over them are tested apart from the engine.</summary>
internal static class ConstructedReports
{
    public static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Accuracy 0.8 → 0.68 over 20,000 and 3,000 labelled rows; <c>age</c>'s young bin [18, 25) grows from 5 % to 40 %
    /// of the rows at accuracy 0.6, its older bins shrink; <c>origin</c> barely moves.
    /// </summary>
    public static RootCauseReport YoungUsers() => new()
    {
        Metric = RootCauseMetrics.Accuracy,
        From = From,
        To = To,
        Baseline = new RootCauseBaseline { Name = "training", Value = 0.8, Labelled = 20_000, Rows = 20_000, Deviation = 0.4 },
        Current = new RootCauseCurrent { Value = 0.68, Labelled = 3_000, Rows = 3_000, Deviation = 0.466 },
        Change = -0.12,
        Source = RootCauseSources.Rows,
        Features =
        [
            Feature("age", FeatureType.Numeric, mix: -0.0735, within: -0.0465, drifted: true,
            [
                Numeric(18, 25, baselineShare: 0.05, currentShare: 0.40, labelled: 1_200, baselineMetric: 0.59, currentMetric: 0.6),
                Numeric(25, 40, baselineShare: 0.55, currentShare: 0.35, labelled: 1_050, baselineMetric: 0.81, currentMetric: 0.74),
                Numeric(40, null, baselineShare: 0.40, currentShare: 0.25, labelled: 750, baselineMetric: 0.83, currentMetric: 0.74),
                Numeric(null, 18, baselineShare: 0, currentShare: 0, labelled: 0, baselineMetric: null, currentMetric: null),
            ]),
            Feature("origin", FeatureType.Categorical, mix: -0.002, within: -0.118, drifted: false,
            [
                Category("PHX", baselineShare: 0.5, currentShare: 0.52, labelled: 1_560, baselineMetric: 0.8, currentMetric: 0.67),
                Category("SEA", baselineShare: 0.5, currentShare: 0.48, labelled: 1_440, baselineMetric: 0.8, currentMetric: 0.69),
            ]),
        ],
    };

    public static FeatureContribution Feature(string name, FeatureType type, double? mix, double? within, bool drifted, ImmutableArray<BinContribution> bins) => new()
    {
        Name = name,
        Type = type,
        Mix = mix,
        Within = within,
        DriftImpact = mix,
        Drift = new DriftSummary(type == FeatureType.Numeric ? "psi" : "jsDistance", drifted ? 0.6 : 0.01, drifted),
        Bins = bins,
        BaselineMissingRate = 0,
        CurrentMissingRate = 0,
    };

    public static BinContribution Numeric(double? lower, double? upper, double baselineShare, double currentShare, long labelled, double? baselineMetric, double? currentMetric) => new()
    {
        Lower = lower,
        Upper = upper,
        BaselineShare = baselineShare,
        CurrentShare = currentShare,
        RowShare = currentShare,
        LabelledBaseline = (long)(baselineShare * 20_000),
        LabelledCurrent = labelled,
        RowsCurrent = labelled,
        BaselineMetric = baselineMetric,
        CurrentMetric = currentMetric,
    };

    public static BinContribution Category(string category, double baselineShare, double currentShare, long labelled, double baselineMetric, double currentMetric) =>
        Numeric(null, null, baselineShare, currentShare, labelled, baselineMetric, currentMetric) with { Category = category };
}
