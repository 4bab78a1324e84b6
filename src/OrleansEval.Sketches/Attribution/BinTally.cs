namespace OrleansEval.Sketches.Attribution;

/// <summary>
/// What a change decomposition needs of one bin: on each side, the rows in the bin, the labelled rows among them, and
/// the sum of their per-row loss.
/// </summary>
/// <param name="BaselineRows">Baseline rows in the bin, labelled or not.</param>
/// <param name="BaselineLabelled">Labelled baseline rows in the bin.</param>
/// <param name="BaselineLoss">Sum of the per-row loss of the labelled baseline rows in the bin.</param>
/// <param name="CurrentRows">Current rows in the bin, labelled or not.</param>
/// <param name="CurrentLabelled">Labelled current rows in the bin.</param>
/// <param name="CurrentLoss">Sum of the per-row loss of the labelled current rows in the bin.</param>
public readonly record struct BinTally(
    long BaselineRows,
    long BaselineLabelled,
    double BaselineLoss,
    long CurrentRows,
    long CurrentLabelled,
    double CurrentLoss);
