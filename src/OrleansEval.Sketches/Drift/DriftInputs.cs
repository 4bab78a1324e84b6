using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Everything a drift measure may read about one feature, reference against current: the counts of the same bins and,
/// for a numeric feature, the two sorted views and the reference standard deviation. The one merge pass over the views
/// that several sample measures share is made once, on first use.
/// </summary>
public sealed class DriftInputs
{
    private EmpiricalComparison? _comparison;

    /// <summary>Inputs of one feature; pass null for the views or the standard deviation when they are not available.</summary>
    /// <param name="kind">The feature kind.</param>
    /// <param name="referenceCounts">The reference bin counts.</param>
    /// <param name="currentCounts">The current bin counts, for the same bins.</param>
    /// <param name="reference">The reference sorted view.</param>
    /// <param name="current">The current sorted view.</param>
    /// <param name="referenceStd">The reference population standard deviation.</param>
    /// <param name="options">Settings of the calculation; <see cref="DriftOptions.Default"/> when null.</param>
    /// <param name="samplesApproximate">True when either view summarises a compacted sketch rather than every value.</param>
    public DriftInputs(
        DriftFeatureKind kind,
        ReadOnlyMemory<double> referenceCounts,
        ReadOnlyMemory<double> currentCounts,
        QuantileSortedView? reference = null,
        QuantileSortedView? current = null,
        double? referenceStd = null,
        DriftOptions? options = null,
        bool samplesApproximate = false)
    {
        Kind = kind;
        ReferenceCounts = referenceCounts;
        CurrentCounts = currentCounts;
        Reference = reference;
        Current = current;
        ReferenceStd = referenceStd;
        Options = options ?? DriftOptions.Default;
        SamplesApproximate = samplesApproximate;
    }

    /// <summary>The feature kind.</summary>
    public DriftFeatureKind Kind { get; }

    /// <summary>The reference bin counts.</summary>
    public ReadOnlyMemory<double> ReferenceCounts { get; }

    /// <summary>The current bin counts, for the same bins.</summary>
    public ReadOnlyMemory<double> CurrentCounts { get; }

    /// <summary>The reference sorted view, when there is one.</summary>
    public QuantileSortedView? Reference { get; }

    /// <summary>The current sorted view, when there is one.</summary>
    public QuantileSortedView? Current { get; }

    /// <summary>The reference population standard deviation, when known.</summary>
    public double? ReferenceStd { get; }

    /// <summary>Settings of the calculation that are not part of a measure's definition.</summary>
    public DriftOptions Options { get; }

    /// <summary>True when either view summarises a compacted sketch rather than every value.</summary>
    public bool SamplesApproximate { get; }

    /// <summary>True when both sorted views are present and hold some weight, so sample measures are defined.</summary>
    public bool HasSamples => Reference is { TotalWeight: > 0 } && Current is { TotalWeight: > 0 };

    /// <summary>The shared merge pass over both views; only valid when <see cref="HasSamples"/>.</summary>
    internal EmpiricalComparison Comparison => _comparison ??= EmpiricalComparison.Compare(Reference!, Current!);
}
