namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// The parameters of a SliceLine search: the score's weight <see cref="Alpha"/> between error and size, the smallest
/// slice, the most conditions in a conjunction and how many slices to answer.
/// </summary>
public sealed class SliceSearchOptions
{
    /// <summary>The most conditions a conjunction may have.</summary>
    public const int MostConditions = 3;

    /// <summary>Parameters validated against their rules.</summary>
    /// <param name="alpha">Weight of the error term, in (0, 1]; 0.95 by default.</param>
    /// <param name="minSize">Smallest slice, ≥ 1; null for max(32, 1 % of the rows).</param>
    /// <param name="maxConditions">Most conditions in a conjunction, 1 to 3; 2 by default.</param>
    /// <param name="k">How many slices to answer, ≥ 1; 10 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter breaks its rule; the message names it.</exception>
    public SliceSearchOptions(double alpha = 0.95, int? minSize = null, int maxConditions = 2, int k = 10)
    {
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        }

        if (minSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minSize), minSize, "minSize must be at least 1.");
        }

        if (maxConditions is < 1 or > MostConditions)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConditions), maxConditions, "maxConditions must be between 1 and 3.");
        }

        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        }

        Alpha = alpha;
        MinSize = minSize;
        MaxConditions = maxConditions;
        K = k;
    }

    /// <summary>Weight of the error term in the score, in (0, 1].</summary>
    public double Alpha { get; }

    /// <summary>The smallest slice given, or null for the default max(32, 1 % of the rows).</summary>
    public int? MinSize { get; }

    /// <summary>The most conditions in a conjunction, 1 to 3.</summary>
    public int MaxConditions { get; }

    /// <summary>How many slices to answer.</summary>
    public int K { get; }

    /// <summary>The smallest slice for a table of <paramref name="rows"/> rows: the given one, or max(32, ⌊rows / 100⌋).</summary>
    public int MinSizeFor(int rows) => MinSize ?? Math.Max(32, rows / 100);
}
