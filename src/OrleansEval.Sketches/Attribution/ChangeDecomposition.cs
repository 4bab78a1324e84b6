namespace OrleansEval.Sketches.Attribution;

/// <summary>
/// Splits the change of a mean metric M = Σ loss / labelled rows between a baseline and a current side over the bins of
/// one feature. With w_X,b the share of side X's labelled rows in bin b, m_X,b the metric over them and M_X over all of
/// them: <c>mix_b = (w_cur,b − w_base,b)·(m_base,b − M_base)</c> (the shift of the distribution at baseline performance),
/// <c>within_b = w_cur,b·(m_cur,b − m_base,b)</c> (the change inside the bin), and, with v_cur,b the share of all current
/// rows, <c>driftImpact_b = (v_cur,b − w_base,b)·(m_base,b − M_base)</c>; m_base,b is taken as M_base where the baseline
/// has no labelled row in b. Because the bins partition both sides, Σ_b (mix_b + within_b) = M_cur − M_base exactly.
/// </summary>
public static class ChangeDecomposition
{
    /// <summary>The metric of a side: its loss sum over its labelled rows, or null without a labelled row.</summary>
    public static double? Metric(double loss, long labelled) => labelled > 0 ? loss / labelled : null;

    /// <summary>Each bin's shares, metrics, mix, within and driftImpact, in the order of <paramref name="bins"/>.</summary>
    public static BinDecomposition[] Decompose(ReadOnlySpan<BinTally> bins)
    {
        long baselineLabelled = 0, currentLabelled = 0, currentRows = 0;
        double baselineLoss = 0;
        foreach (var bin in bins)
        {
            baselineLabelled += bin.BaselineLabelled;
            baselineLoss += bin.BaselineLoss;
            currentLabelled += bin.CurrentLabelled;
            currentRows += bin.CurrentRows;
        }

        var baselineMetric = Metric(baselineLoss, baselineLabelled);
        var result = new BinDecomposition[bins.Length];
        for (var b = 0; b < bins.Length; b++)
        {
            result[b] = Of(bins[b], baselineMetric, baselineLabelled, currentLabelled, currentRows);
        }

        return result;
    }

    private static BinDecomposition Of(BinTally bin, double? baselineMetric, long baselineLabelled, long currentLabelled, long currentRows)
    {
        var baselineShare = Share(bin.BaselineLabelled, baselineLabelled);
        var currentShare = Share(bin.CurrentLabelled, currentLabelled);
        var rowShare = Share(bin.CurrentRows, currentRows);
        var binBaseline = Metric(bin.BaselineLoss, bin.BaselineLabelled);
        var binCurrent = Metric(bin.CurrentLoss, bin.CurrentLabelled);
        var reference = binBaseline ?? baselineMetric;
        double? mix = null, within = null, driftImpact = null;
        if (baselineShare is { } wBase && baselineMetric is { } mBase)
        {
            var lift = reference!.Value - mBase;
            if (currentShare is { } wCur)
            {
                mix = (wCur - wBase) * lift;
                within = binCurrent is { } mCur ? wCur * (mCur - reference.Value) : 0;
            }

            driftImpact = rowShare is { } v ? (v - wBase) * lift : null;
        }

        return new BinDecomposition(baselineShare, currentShare, rowShare, binBaseline, binCurrent, mix, within, driftImpact);
    }

    private static double? Share(long count, long total) => total > 0 ? (double)count / total : null;
}
