namespace OrleansEval.Sketches.Quantiles;

/// <summary>
/// A mergeable summary of a stream of numeric values that answers rank and quantile questions,
/// exactly while it still holds every value and within a stated rank error after that.
/// </summary>
public interface IQuantileSketch
{
    /// <summary>Number of values the sketch has seen (the total weight of what it retains).</summary>
    long Count { get; }

    /// <summary>True when no value has been seen.</summary>
    bool IsEmpty { get; }

    /// <summary>True while the sketch retains every value it was given, so every answer is exact.</summary>
    bool IsExact { get; }

    /// <summary>Smallest value seen; <see cref="double.NaN"/> when empty.</summary>
    double MinValue { get; }

    /// <summary>Largest value seen; <see cref="double.NaN"/> when empty.</summary>
    double MaxValue { get; }

    /// <summary>Adds one finite value.</summary>
    void Update(double value);

    /// <summary>Normalised rank of <paramref name="value"/>: the fraction of values strictly below it.</summary>
    double Rank(double value);

    /// <summary>The smallest retained value whose inclusive normalised rank reaches <paramref name="rank"/> (0..1).</summary>
    double Quantile(double rank);

    /// <summary>
    /// Estimated count in each left-closed bin cut by <paramref name="splitPoints"/> (ascending):
    /// (-inf, s0), [s0, s1), ..., [s(k-1), +inf). The result has <c>splitPoints.Length + 1</c> entries summing to <see cref="Count"/>.
    /// </summary>
    double[] BinCounts(ReadOnlySpan<double> splitPoints);

    /// <summary>The retained values in ascending order with their weights.</summary>
    QuantileSortedView GetSortedView();
}
