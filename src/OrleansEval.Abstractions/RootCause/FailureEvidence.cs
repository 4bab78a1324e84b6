namespace OrleansEval.RootCause;

/// <summary>
/// One figure a failure mode rests on: a feature (or output column) with its mix, within, share of the change, or a
/// named measure and its value (a missing rate, a p-value).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.FailureEvidence")]
[Immutable]
public sealed record FailureEvidence
{
    /// <summary>The feature or column the figure is about.</summary>
    [Id(0)] public required string Feature { get; init; }

    /// <summary>The feature's mix, where it matters.</summary>
    [Id(1)] public double? Mix { get; init; }

    /// <summary>The feature's within, where it matters.</summary>
    [Id(2)] public double? Within { get; init; }

    /// <summary>The figure's share of the change, where it matters.</summary>
    [Id(3)] public double? Share { get; init; }

    /// <summary>The name of another figure (for example <c>currentMissingRate</c> or <c>pValue</c>).</summary>
    [Id(4)] public string? Measure { get; init; }

    /// <summary>The value of <see cref="Measure"/>.</summary>
    [Id(5)] public double? Value { get; init; }
}
