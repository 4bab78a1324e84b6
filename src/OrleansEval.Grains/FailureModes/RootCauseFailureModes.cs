using System.Collections.Immutable;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;
using Verdict = OrleansEval.Sketches.FailureModes.FailureMode;

namespace OrleansEval.Grains.FailureModes;

/// <summary>
/// Classifies a root cause's change with <see cref="FailureModeClassifier"/>: reads the report's metric on both sides,
/// every feature's contribution, drift and data-quality rates, and the actual's drift, and writes the verdict back in
/// the report's terms. A report without a change (no labelled row on a side) is left unclassified.
/// </summary>
internal static class RootCauseFailureModes
{
    /// <summary><paramref name="report"/> with its failure mode, when it has a change to classify.</summary>
    public static RootCauseReport Classify(RootCauseReport report, FailureModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Facts(report) is { } facts
            ? report with { FailureMode = ToContract(FailureModeClassifier.Classify(facts, options), report.Metric) }
            : report;
    }

    /// <summary>True for the metrics that are a share of rows, tested with two proportions.</summary>
    public static bool IsProportion(string metric) => metric is RootCauseMetrics.Accuracy or RootCauseMetrics.ErrorRate;

    /// <summary>The metric on one side, with the per-row loss's unbiased variance from the population deviation.</summary>
    public static MetricSide? Side(double? value, long labelled, double? deviation) =>
        value is { } v && labelled > 0
            ? new MetricSide(v, labelled, deviation is { } d && labelled > 1 ? d * d * labelled / (labelled - 1) : null)
            : null;

    private static FailureModeFacts? Facts(RootCauseReport report)
    {
        var baseline = Side(report.Baseline.Value, report.Baseline.Labelled, report.Baseline.Deviation);
        var current = Side(report.Current.Value, report.Current.Labelled, report.Current.Deviation);
        if (baseline is null || current is null || report.Change is null)
        {
            return null;
        }

        var features = report.Features.Select(f => new FeatureFacts
        {
            Name = f.Name,
            Mix = f.Mix,
            Within = f.Within,
            WithinSpread = WithinSpread(f, baseline.Value),
            Drifted = f.Drift?.Drifted ?? false,
            DriftMeasure = f.Drift?.Measure,
            DriftValue = f.Drift?.Value,
            BaselineMissingRate = f.BaselineMissingRate ?? 0,
            MissingRate = f.CurrentMissingRate,
            OutOfRangeRate = f.OutOfRangeRate,
            UnseenCategoryRate = f.UnseenCategoryRate,
        }).ToList();
        return new FailureModeFacts(report.Metric, IsProportion(report.Metric), baseline, current, features, report.Actual?.Drift?.Drifted ?? false);
    }

    // √(Σ w_cur,b (d_b − d̄)²) over the bins with labelled current rows, d_b = m_cur,b − m_base,b (M_base where the baseline has none).
    private static double? WithinSpread(FeatureContribution feature, double baselineMetric)
    {
        var changes = feature.Bins
            .Where(b => b.CurrentShare is > 0 && b.CurrentMetric is not null)
            .Select(b => (Weight: b.CurrentShare!.Value, Change: b.CurrentMetric!.Value - (b.BaselineMetric ?? baselineMetric)))
            .ToList();
        var weight = changes.Sum(c => c.Weight);
        if (!(weight > 0))
        {
            return null;
        }

        var mean = changes.Sum(c => c.Weight * c.Change) / weight;
        return Math.Sqrt(changes.Sum(c => c.Weight * (c.Change - mean) * (c.Change - mean)) / weight);
    }

    private static OrleansEval.RootCause.FailureMode ToContract(Verdict verdict, string metric)
    {
        var evidence = verdict.Evidence.Select(e => new FailureEvidence
        {
            Feature = e.Feature,
            Mix = e.Mix,
            Within = e.Within,
            Share = e.Share,
            Measure = e.RateName,
            Value = e.Rate,
        });
        ImmutableArray<FailureEvidence> test = verdict.PValue is { } p ? [new FailureEvidence { Feature = metric, Measure = "pValue", Value = p }] : [];
        return new OrleansEval.RootCause.FailureMode
        {
            Kind = Kind(verdict.Kind),
            Confidence = verdict.Confidence,
            Explanation = verdict.Explanation,
            Evidence = [.. evidence, .. test],
        };
    }

    private static string Kind(FailureModeKind kind) => kind switch
    {
        FailureModeKind.DataQuality => FailureModeKinds.DataQuality,
        FailureModeKind.CovariateShift => FailureModeKinds.CovariateShift,
        FailureModeKind.ConceptShift => FailureModeKinds.ConceptShift,
        FailureModeKind.LabelShift => FailureModeKinds.LabelShift,
        _ => FailureModeKinds.None,
    };
}
