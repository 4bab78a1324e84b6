using System.Collections.Immutable;

namespace OrleansEval.RootCause;

/// <summary>
/// What kind of failure a metric's change is (one of <see cref="FailureModeKinds"/>), how sure the rule is, a
/// one-sentence explanation, and the figures it rests on.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.FailureMode")]
[Immutable]
public sealed record FailureMode
{
    /// <summary>The kind: one of <see cref="FailureModeKinds"/>.</summary>
    [Id(0)] public required string Kind { get; init; }

    /// <summary>How sure the rule is, in [0, 1].</summary>
    [Id(1)] public required double Confidence { get; init; }

    /// <summary>One sentence saying why.</summary>
    [Id(2)] public required string Explanation { get; init; }

    /// <summary>The figures the decision rests on.</summary>
    [Id(3)] public ImmutableArray<FailureEvidence> Evidence { get; init; } = [];
}
