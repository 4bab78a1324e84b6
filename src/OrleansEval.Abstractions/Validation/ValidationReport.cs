using System.Collections.Immutable;
using OrleansEval.Compare;
using OrleansEval.Drift;

namespace OrleansEval.Validation;

/// <summary>
/// A stored validation: its id, when it ran, what was asked, the comparison of the candidate with the reference (the
/// reference first), the slices that changed significantly, the slices new to the candidate, the drift of the candidate's
/// inputs against the production baseline with the drifted features, and the verdict (<c>pass</c> or <c>fail</c>)
/// with every rule that decided it.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ValidationReport")]
[Immutable]
public sealed record ValidationReport
{
    /// <summary>The validation's id, unique within its model.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The model validated.</summary>
    [Id(1)] public required string ModelId { get; init; }

    /// <summary>When the validation ran, on the store's clock.</summary>
    [Id(2)] public DateTimeOffset At { get; init; }

    /// <summary>What was asked.</summary>
    [Id(3)] public required ValidationRequest Request { get; init; }

    /// <summary>The candidate against the reference on the prediction ids both scored.</summary>
    [Id(4)] public required ComparisonReport Comparison { get; init; }

    /// <summary>Slices of at least the minimum size whose difference is significant, in either direction.</summary>
    [Id(5)] public ImmutableArray<SliceChange> Changed { get; init; } = [];

    /// <summary>Categorical slices of the candidate's rows that the reference's rows never had.</summary>
    [Id(6)] public ImmutableArray<NewSlice> NewSlices { get; init; } = [];

    /// <summary>The drift of the candidate's inputs in the window against the production baseline.</summary>
    [Id(7)] public required DriftReport Skew { get; init; }

    /// <summary>The features of <see cref="Skew"/> that drifted.</summary>
    [Id(8)] public ImmutableArray<string> DriftedFeatures { get; init; } = [];

    /// <summary><c>pass</c> when no rule failed, <c>fail</c> otherwise.</summary>
    [Id(9)] public required string Verdict { get; init; }

    /// <summary>Every rule of the verdict, failed or not.</summary>
    [Id(10)] public ImmutableArray<VerdictRule> Rules { get; init; } = [];

    /// <summary>The sequence number of the alert a failing validation raised; null when none was raised.</summary>
    [Id(11)] public long? AlertSequence { get; init; }
}
