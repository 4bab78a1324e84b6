namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// The worst-slice search of SliceLine (Sagadeeva &amp; Boehm, SIGMOD 2021): conjunctions of up to three predicates on
/// distinct columns, enumerated level by level (level L joins level L−1 slices that share L−2 predicates), scored by
/// α·(ē_s/ē − 1) − (1 − α)·(n/|s| − 1). A candidate is counted only if every one of its parents survived, its size bound
/// (the smallest parent) reaches minSize and its score bound — from the parents' smallest size, error sum and largest
/// error — reaches the k-th best score so far; only slices with a score above 0 are answered.
/// </summary>
public static class SliceLineSearch
{
    /// <summary>Slack for rounding in the score bound, so that a bound never prunes a slice that ties with it.</summary>
    private const double BoundSlack = 1e-9;

    /// <summary>The k best slices of <paramref name="table"/> with their tests and q-values.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the search stops between candidates.</exception>
    public static SliceSearchResult Search(SliceTable table, SliceSearchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var errors = table.Errors as double[] ?? [.. table.Errors];
        var rows = errors.Length;
        var minSize = options.MinSizeFor(rows);
        var totalError = errors.Sum();
        if (rows == 0 || !(totalError > 0))
        {
            return new SliceSearchResult(rows, rows == 0 ? 0 : totalError / rows, minSize, 0, []);
        }

        var binary = Array.TrueForAll(errors, error => error is 0 or 1);
        var index = PredicateIndex.Build(table, errors, binary, minSize);
        var lattice = new SliceLattice(index, new SliceScore(rows, totalError / rows, options.Alpha, minSize), options.K, BoundSlack);
        lattice.Run(options.MaxConditions, cancellationToken);
        var totals = new SliceStats(rows, totalError, errors.Sum(error => error * error), 0);
        return new SliceSearchResult(rows, totalError / rows, minSize, lattice.Examined.Count, Findings(table, index, lattice, totals, binary));
    }

    private static List<SliceFinding> Findings(SliceTable table, PredicateIndex index, SliceLattice lattice, SliceStats totals, bool binary)
    {
        var tests = lattice.Examined.Select(stats => Test(stats, totals, binary)).ToList();
        var qValues = BenjaminiHochberg.QValues(tests.ConvertAll(test => test.PValue));
        var findings = new List<SliceFinding>();
        foreach (var best in lattice.Best)
        {
            var stats = lattice.Examined[best.Examined];
            var restSize = totals.Size - stats.Size;
            var errorVsRest = restSize == 0 ? 0 : (stats.ErrorSum / stats.Size) - ((totals.ErrorSum - stats.ErrorSum) / restSize);
            var conditions = best.Ids.Select(id => Condition(table, index, id)).ToList();
            findings.Add(new SliceFinding(
                conditions,
                stats.Size,
                stats.ErrorSum / stats.Size,
                stats.ErrorSum,
                best.Score,
                errorVsRest,
                tests[best.Examined].PValue,
                qValues[best.Examined],
                tests[best.Examined].Test));
        }

        return findings;
    }

    private static SliceCondition Condition(SliceTable table, PredicateIndex index, int id)
    {
        var (column, code) = index.Predicates[id];
        return new SliceCondition(table.Columns[column].Name, code, table.Columns[column].Labels[code]);
    }

    private static (double PValue, string Test) Test(SliceStats slice, SliceStats totals, bool binary)
    {
        var restSize = totals.Size - slice.Size;
        if (binary)
        {
            var sliceErrors = (long)Math.Round(slice.ErrorSum);
            return SliceSignificance.Proportions(sliceErrors, slice.Size, (long)Math.Round(totals.ErrorSum) - sliceErrors, restSize);
        }

        var (sliceMean, sliceVariance) = MeanAndVariance(slice.Size, slice.ErrorSum, slice.SquareSum);
        var (restMean, restVariance) = MeanAndVariance(restSize, totals.ErrorSum - slice.ErrorSum, totals.SquareSum - slice.SquareSum);
        return (SliceSignificance.WelchT(slice.Size, sliceMean, sliceVariance, restSize, restMean, restVariance), "welchT");
    }

    private static (double Mean, double Variance) MeanAndVariance(long size, double sum, double squareSum)
    {
        if (size < 2)
        {
            return (size == 0 ? 0 : sum / size, 0);
        }

        var mean = sum / size;
        return (mean, Math.Max(0, (squareSum - (size * mean * mean)) / (size - 1)));
    }
}
