using System.Globalization;

namespace OrleansEval.Sketches.FailureModes;

/// <summary>
/// Classifies a change of a mean metric by rules tried in order, every threshold from <see cref="FailureModeOptions"/>:
/// <list type="number">
/// <item><c>none</c> when the test of current against baseline is not significant (confidence (p − α)/(1 − α));</item>
/// <item><c>dataQuality</c> when a feature's missing rate rose, or its out-of-range or unseen-category rate reached,
/// <see cref="FailureModeOptions.QualityJump"/> (confidence: the largest rate over twice the jump, at most 1);</item>
/// <item><c>covariateShift</c> when the leading feature's mix, in the direction of the change, explains at least
/// <see cref="FailureModeOptions.CovariateShare"/> of it (confidence: that share, at most 1);</item>
/// <item><c>labelShift</c> when the actual drifted and no feature did (confidence: 1 − the leading share);</item>
/// <item><c>conceptShift</c> otherwise: the change is inside the bins of every feature (confidence: 1 − the leading
/// share, times <see cref="FailureModeOptions.MixedCausePenalty"/> when some feature drifted).</item>
/// </list>
/// The evidence of a covariate shift is ranked by share of the change; of a change inside bins, by
/// <see cref="FeatureFacts.WithinSpread"/> (the feature that localises it first); of a data-quality break, by rate.
/// </summary>
public static class FailureModeClassifier
{
    /// <summary>The failure mode of <paramref name="facts"/>.</summary>
    public static FailureMode Classify(FailureModeFacts facts, FailureModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        var test = MetricChangeTest.Of(facts.IsProportion, facts.Baseline, facts.Current);
        var change = facts.Change;
        if (change == 0 || test is { } t && t.PValue > options.SignificanceLevel)
        {
            return NoChange(facts, options, test);
        }

        return DataQuality(facts, options, test)
            ?? CovariateShift(facts, options, test)
            ?? InsideBins(facts, options, test);
    }

    private static FailureMode NoChange(FailureModeFacts facts, FailureModeOptions options, (double PValue, string Test)? test)
    {
        var p = test?.PValue ?? 1;
        var alpha = options.SignificanceLevel;
        var explanation = Text($"The {facts.Metric} moved from {Number(facts.Baseline.Value)} to {Number(facts.Current.Value)}, not significant at level {Number(alpha)} (p = {Number(p)}).");
        return new FailureMode(FailureModeKind.None, Math.Clamp((p - alpha) / (1 - alpha), 0, 1), explanation, [], test?.Test, test?.PValue);
    }

    private static FailureMode? DataQuality(FailureModeFacts facts, FailureModeOptions options, (double PValue, string Test)? test)
    {
        var broken = facts.Features
            .Select(f => (Feature: f, Jump: QualityJump(f)))
            .Where(q => q.Jump.Rate >= options.QualityJump)
            .OrderByDescending(q => q.Jump.Rate)
            .ThenBy(q => q.Feature.Name, StringComparer.Ordinal)
            .Take(options.EvidenceFeatures)
            .ToList();
        if (broken.Count == 0)
        {
            return null;
        }

        var (first, jump) = broken[0];
        var explanation = Text($"{first.Name}'s {Describe(jump.Name)} is {Percent(jump.Rate)} of rows, past the {Percent(options.QualityJump)} a data-quality break is called at.");
        var evidence = broken.Select(q => Evidence(q.Feature, facts.Change) with { Rate = q.Jump.Rate, RateName = q.Jump.Name }).ToList();
        return new FailureMode(FailureModeKind.DataQuality, Math.Min(1, jump.Rate / (2 * options.QualityJump)), explanation, evidence, test?.Test, test?.PValue);
    }

    private static FailureMode? CovariateShift(FailureModeFacts facts, FailureModeOptions options, (double PValue, string Test)? test)
    {
        var ranked = RankedByShare(facts);
        if (ranked.Count == 0 || ranked[0].Share < options.CovariateShare)
        {
            return null;
        }

        var (leading, share) = ranked[0];
        var explanation = Text($"The shift of {leading.Name}'s distribution explains {Percent(share)} of the {facts.Metric} change ({Number(leading.Mix ?? 0)} of {Number(facts.Change)}), at least the {Percent(options.CovariateShare)} a covariate shift is called at.");
        var evidence = ranked.Where(r => r.Share > 0).Take(options.EvidenceFeatures).Select(r => Evidence(r.Feature, facts.Change)).ToList();
        return new FailureMode(FailureModeKind.CovariateShift, Math.Min(1, share), explanation, evidence, test?.Test, test?.PValue);
    }

    private static FailureMode InsideBins(FailureModeFacts facts, FailureModeOptions options, (double PValue, string Test)? test)
    {
        var ranked = RankedByShare(facts);
        var leadingShare = ranked.Count == 0 ? 0 : Math.Clamp(ranked[0].Share, 0, 1);
        var drifted = facts.Features.Count(f => f.Drifted);
        var evidence = facts.Features
            .OrderByDescending(f => f.WithinSpread ?? 0)
            .ThenByDescending(f => Math.Abs(f.Within ?? 0))
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Take(options.EvidenceFeatures)
            .Select(f => Evidence(f, facts.Change))
            .ToList();
        if (facts.ActualDrifted && drifted == 0)
        {
            var label = Text($"The actual's distribution drifted while no feature did, and no feature's shift explains more than {Percent(leadingShare)} of the {facts.Metric} change.");
            return new FailureMode(FailureModeKind.LabelShift, 1 - leadingShare, label, evidence, test?.Test, test?.PValue);
        }

        var inputs = drifted == 0 ? "while no feature drifted" : Text($"though {drifted} feature(s) drifted, so part of it may be their shift");
        var concept = Text($"The {facts.Metric} changed inside the bins of every feature (no feature's shift explains more than {Percent(leadingShare)} of the change) {inputs}.");
        var confidence = (1 - leadingShare) * (drifted == 0 ? 1 : options.MixedCausePenalty);
        return new FailureMode(FailureModeKind.ConceptShift, confidence, concept, evidence, test?.Test, test?.PValue);
    }

    // The features by the share of the change their mix explains in its direction, largest first.
    private static List<(FeatureFacts Feature, double Share)> RankedByShare(FailureModeFacts facts) =>
        [.. facts.Features
            .Select(f => (Feature: f, Share: Share(f.Mix, facts.Change) ?? 0))
            .OrderByDescending(r => r.Share)
            .ThenBy(r => r.Feature.Name, StringComparer.Ordinal)];

    // The largest of the missing rate's rise over the baseline, the out-of-range rate and the unseen-category rate.
    private static (double Rate, string Name) QualityJump(FeatureFacts feature)
    {
        var missing = (feature.MissingRate ?? 0) - feature.BaselineMissingRate;
        var outOfRange = feature.OutOfRangeRate ?? 0;
        var unseen = feature.UnseenCategoryRate ?? 0;
        return missing >= outOfRange && missing >= unseen ? (missing, "missingRateRise")
            : outOfRange >= unseen ? (outOfRange, "outOfRangeRate")
            : (unseen, "unseenCategoryRate");
    }

    private static string Describe(string rate) => rate switch
    {
        "missingRateRise" => "missing rate rose by",
        "outOfRangeRate" => "out-of-range rate",
        _ => "unseen-category rate",
    };

    private static FailureModeEvidence Evidence(FeatureFacts feature, double change) =>
        new(feature.Name, feature.Mix, feature.Within, Share(feature.Mix, change), feature.Drifted);

    private static double? Share(double? mix, double change) => mix is { } m && change != 0 ? m / change : null;

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
