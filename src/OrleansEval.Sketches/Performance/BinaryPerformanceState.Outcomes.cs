namespace OrleansEval.Sketches.Performance;

/// <content>The labelled scores the state holds, as the rows a calibrator is fitted on.</content>
public sealed partial class BinaryPerformanceState
{
    /// <summary>
    /// Every scored row the state counts, as parallel arrays of score and outcome, in ascending score order (positives
    /// first at equal scores). Exact while <see cref="IsExact"/>; after coarsening, each score is its grid cell's lower edge.
    /// </summary>
    public (double[] Scores, bool[] Actuals) GetScoredOutcomes()
    {
        var total = checked((int)ScoredCount);
        var scores = new double[total];
        var actuals = new bool[total];
        var (positiveKeys, positiveCounts) = _positiveScores.ToSorted();
        var (negativeKeys, negativeCounts) = _negativeScores.ToSorted();
        int p = 0, n = 0, row = 0;
        while (p < positiveKeys.Length || n < negativeKeys.Length)
        {
            var positive = n == negativeKeys.Length || (p < positiveKeys.Length && positiveKeys[p] <= negativeKeys[n]);
            var (score, count) = positive ? (positiveKeys[p], positiveCounts[p++]) : (negativeKeys[n], negativeCounts[n++]);
            for (var i = 0L; i < count; i++)
            {
                scores[row] = score;
                actuals[row++] = positive;
            }
        }

        return (scores, actuals);
    }
}
