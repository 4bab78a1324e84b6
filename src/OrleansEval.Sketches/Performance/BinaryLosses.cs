namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The per-row losses of a binary classifier's score <c>p</c> against its actual <c>y</c> (1 for the positive label, 0
/// otherwise): log loss <c>−(y·ln p′ + (1 − y)·ln(1 − p′))</c> with <c>p′</c> clipped to [1e-15, 1 − 1e-15] as
/// scikit-learn does, and the Brier score <c>(p − y)²</c>.
/// </summary>
public static class BinaryLosses
{
    /// <summary>Scores below this (or above 1 minus it) are clipped before the log loss.</summary>
    public const double Clip = 1e-15;

    /// <summary>The log loss of score <paramref name="score"/> for actual <paramref name="positive"/> (1 or 0).</summary>
    public static double LogLoss(double score, double positive)
    {
        var p = Math.Clamp(score, Clip, 1 - Clip);
        return -((positive * Math.Log(p)) + ((1 - positive) * Math.Log(1 - p)));
    }

    /// <summary>The Brier score of score <paramref name="score"/> for actual <paramref name="positive"/> (1 or 0).</summary>
    public static double Brier(double score, double positive) => (score - positive) * (score - positive);
}
