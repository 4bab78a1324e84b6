namespace OrleansEval.Sketches.FailureModes;

/// <summary>A classified metric change: its kind, a confidence in [0, 1], one sentence saying why, and its evidence.</summary>
/// <param name="Kind">The failure mode.</param>
/// <param name="Confidence">How strongly the figures support the call, in [0, 1] (see the rules for each kind).</param>
/// <param name="Explanation">One sentence naming the rule and the figures that decided it.</param>
/// <param name="Evidence">The features that support the call, most telling first.</param>
/// <param name="Test">The significance test of current against baseline: <c>twoProportionZ</c> or <c>welchT</c>; null when it could not be run.</param>
/// <param name="PValue">The test's two-sided p-value; null when it could not be run.</param>
public sealed record FailureMode(
    FailureModeKind Kind,
    double Confidence,
    string Explanation,
    IReadOnlyList<FailureModeEvidence> Evidence,
    string? Test,
    double? PValue);
