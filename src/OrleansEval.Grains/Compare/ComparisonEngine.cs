using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Compare;
using OrleansEval.Sketches.Comparison;
using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Grains.Compare;

/// <summary>
/// Compares versions on paired rows: each slice's metric per version, each candidate's paired test against the
/// champion (McNemar for accuracy and error rate, DeLong for ROC AUC, the paired t-test on the per-row loss otherwise),
/// Benjamini–Hochberg q-values over every test of the comparison, the winner of each slice and the advice.
/// </summary>
internal static class ComparisonEngine
{
    /// <summary>The false-discovery rate under which a difference counts.</summary>
    public const double Significance = 0.05;

    public static ComparisonReport Compare(
        ComparisonReport frame, List<(string Name, string Kind, List<int> Rows)> slices, PairedOutcome[][] outcomes)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var metric = frame.Metric;
        var measured = slices
            .Where(s => s.Name == ComparisonSlices.Everything || s.Rows.Count >= frame.MinSize)
            .Select(s => (s.Name, s.Kind, s.Rows, Values: outcomes.Select(o => Value(metric, o, s.Rows)).ToArray(), Tests: Tests(metric, outcomes, s.Rows)))
            .ToList();
        var qValues = BenjaminiHochberg.QValues([.. measured.SelectMany(s => s.Tests).Select(t => t.PValue)]);
        var next = 0;
        var answered = ImmutableArray.CreateBuilder<ComparedSlice>(measured.Count);
        foreach (var (name, kind, rows, values, tests) in measured)
        {
            var candidates = tests.Select((t, k) => t with { Version = frame.Versions[k + 1], QValue = qValues[next + k] }).ToImmutableArray();
            next += tests.Length;
            answered.Add(new ComparedSlice(name, rows.Count, [.. values], candidates, Winner(metric, frame.Versions, values, candidates), kind));
        }

        var compared = answered.MoveToImmutable();
        return frame with { Slices = compared, Advice = Advise(metric, frame.Versions, compared, frame.MinSize) };
    }

    private static CandidateTest[] Tests(string metric, PairedOutcome[][] outcomes, List<int> rows)
    {
        var tests = new CandidateTest[outcomes.Length - 1];
        for (var k = 1; k < outcomes.Length; k++)
        {
            var delta = Value(metric, outcomes[k], rows) - Value(metric, outcomes[0], rows);
            tests[k - 1] = Test(metric, outcomes[0], outcomes[k], rows) with { Delta = delta };
        }

        return tests;
    }

    private static CandidateTest Test(string metric, PairedOutcome[] champion, PairedOutcome[] candidate, List<int> rows)
    {
        switch (metric)
        {
            case ComparisonMetrics.Accuracy or ComparisonMetrics.ErrorRate:
                long onlyChampion = 0, onlyCandidate = 0;
                foreach (var row in rows)
                {
                    onlyChampion += champion[row].Correct && !candidate[row].Correct ? 1 : 0;
                    onlyCandidate += candidate[row].Correct && !champion[row].Correct ? 1 : 0;
                }

                var mcnemar = McNemarTest.Compute(onlyChampion, onlyCandidate);
                return new CandidateTest("", null, mcnemar.Test, mcnemar.Statistic, mcnemar.PValue, 1, onlyChampion, onlyCandidate);
            case ComparisonMetrics.RocAuc:
                var positive = rows.Select(r => champion[r].Positive).ToArray();
                var delong = DeLongTest.Compute([.. rows.Select(r => champion[r].Score)], [.. rows.Select(r => candidate[r].Score)], positive);
                return delong is null
                    ? new CandidateTest("", null, "delong", 0, 1, 1, 0, 0)
                    : new CandidateTest("", null, "delong", delong.Test.Statistic, delong.Test.PValue, 1, 0, 0);
            default:
                var t = PairedTTest.Compute([.. rows.Select(r => champion[r].Loss)], [.. rows.Select(r => candidate[r].Loss)]);
                return new CandidateTest("", null, t.Test, t.Statistic, t.PValue, 1, 0, 0);
        }
    }

    /// <summary>The metric of <paramref name="rows"/> under one version's outcomes; null where it is undefined.</summary>
    public static double? Value(string metric, PairedOutcome[] outcomes, List<int> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        switch (metric)
        {
            case ComparisonMetrics.Accuracy or ComparisonMetrics.ErrorRate:
                var correct = rows.Count(r => outcomes[r].Correct);
                var accuracy = (double)correct / rows.Count;
                return metric == ComparisonMetrics.Accuracy ? accuracy : 1 - accuracy;
            case ComparisonMetrics.RocAuc:
                var positive = rows.Select(r => outcomes[r].Positive).ToArray();
                var scores = rows.Select(r => outcomes[r].Score).ToArray();
                return DeLongTest.Compute(scores, scores, positive)?.FirstAuc;
            default:
                return rows.Average(r => outcomes[r].Loss);
        }
    }

    private static string? Winner(string metric, ImmutableArray<string> versions, double?[] values, ImmutableArray<CandidateTest> tests)
    {
        var sign = ComparisonMetrics.HigherIsBetter(metric) ? 1 : -1;
        var better = tests.Where(t => t.QValue < Significance && t.Delta * sign > 0).ToList();
        if (better.Count > 0)
        {
            return better.MaxBy(t => t.Delta * sign)!.Version;
        }

        return tests.Length > 0 && tests.All(t => t.QValue < Significance && t.Delta * sign < 0) ? versions[0] : null;
    }

    private static PromotionAdvice? Advise(string metric, ImmutableArray<string> versions, ImmutableArray<ComparedSlice> slices, int minSize)
    {
        if (slices.IsEmpty || slices[0].Rows == 0)
        {
            return null;
        }

        var overall = slices[0];
        var sign = ComparisonMetrics.HigherIsBetter(metric) ? 1 : -1;
        var best = overall.Tests.Where(t => t.QValue < Significance && t.Delta * sign > 0).MaxBy(t => t.Delta * sign);
        if (best is null)
        {
            var champion = versions[0];
            return new PromotionAdvice(
                champion,
                $"no candidate's {metric} differs significantly from {champion}'s over all {overall.Rows} paired rows in a way that is better (q < {Significance.ToString(CultureInfo.InvariantCulture)})",
                [],
                ChampionBeaten(slices, minSize, sign));
        }

        var index = overall.Tests.IndexOf(best);
        var betterIn = Verdicts(slices, index, minSize, worse: false, sign);
        var worseIn = Verdicts(slices, index, minSize, worse: true, sign);
        var because = $"{best.Version}'s {metric} is {Format(overall.Values[index + 1])} against {Format(overall.Values[0])} for {versions[0]} over {overall.Rows} paired rows (q = {best.QValue.ToString("G3", CultureInfo.InvariantCulture)})"
            + (worseIn.IsEmpty ? "" : $", but it is significantly worse in {worseIn.Length} slice{(worseIn.Length == 1 ? "" : "s")} of at least {minSize} rows: {string.Join("; ", worseIn.Select(v => v.Slice))}");
        return new PromotionAdvice(best.Version, because, betterIn, worseIn);
    }

    // The slices (of at least minSize rows) where candidate `index` is significantly better or worse than the champion.
    private static ImmutableArray<SliceVerdict> Verdicts(ImmutableArray<ComparedSlice> slices, int index, int minSize, bool worse, int sign) =>
        [.. slices
            .Where(s => s.Rows >= minSize || s.Slice == ComparisonSlices.Everything)
            .Select(s => (Slice: s, Test: s.Tests[index]))
            .Where(p => p.Test.QValue < Significance && p.Test.Delta is { } delta && (worse ? delta * sign < 0 : delta * sign > 0))
            .OrderBy(p => p.Test.QValue)
            .Select(p => new SliceVerdict(p.Slice.Slice, p.Slice.Rows, p.Test.Delta!.Value, p.Test.QValue))];

    // When the champion stays: the slices (of at least minSize rows) where some candidate is significantly better, each
    // with the champion's difference to the best of them.
    private static ImmutableArray<SliceVerdict> ChampionBeaten(ImmutableArray<ComparedSlice> slices, int minSize, int sign) =>
        [.. slices
            .Where(s => s.Rows >= minSize && s.Slice != ComparisonSlices.Everything)
            .Select(s => (Slice: s, Best: s.Tests.Where(t => t.QValue < Significance && t.Delta * sign > 0).MaxBy(t => t.Delta * sign)))
            .Where(p => p.Best is not null)
            .OrderBy(p => p.Best!.QValue)
            .Select(p => new SliceVerdict(p.Slice.Slice, p.Slice.Rows, -p.Best!.Delta!.Value, p.Best.QValue))];

    private static string Format(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "undefined";
}
