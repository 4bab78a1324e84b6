namespace OrleansEval.Sketches.Performance;

/// <summary>
/// Mergeable, subtractable performance state of a regression model over one slice and time bucket: exact sums for MAE,
/// MSE/RMSE, MAPE, bias and R², and the distribution of absolute errors for the median absolute error.
/// <see cref="Remove"/> takes back exactly what <see cref="Add"/> put in.
/// </summary>
/// <remarks>
/// <para>
/// Sums. With e = y − ŷ rounded to a double (as scikit-learn computes it), the state keeps Σ|e|, Σe, Σe², Σ|e|/max(|y|, ε)
/// (ε = 2^-52, the <c>mape_fraction</c> of the reference vectors), Σy and Σy² in <see cref="ExactSum"/> accumulators.
/// Squares enter as their rounded value plus the exact rounding error (a fused multiply–add), so Σe² and Σy² are the
/// exact sums of squares. Sums are therefore exact, removal is exact, merging is associative and commutative bit for bit,
/// and the total sum of squares is computed without cancellation as (n·Σy² − (Σy)²)/n in integers: R² is right to a few
/// units in the last place even when the truth has a large mean and a small spread.
/// </para>
/// <para>
/// Median absolute error. The absolute errors are kept in an exact map value → count while at most
/// <see cref="MaxDistinctErrors"/> distinct values are held; one more switches the state for good to a DDSketch with
/// relative accuracy α = <see cref="MedianRelativeAccuracy"/> (Masson et al. 2019), which still deletes exactly. The
/// median (the mean of the two middle order statistics for an even count, as numpy) is then within α of the exact one.
/// </para>
/// <para>
/// Values must be finite with finite squares (|y|, |ŷ| and |y − ŷ| below about 1.34e154). Counting a row allocates
/// nothing unless a new distinct absolute error grows the map. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed partial class RegressionPerformanceState
{
    /// <summary>Default cap on distinct absolute errors kept exactly.</summary>
    public const int DefaultMaxDistinctErrors = 4096;

    /// <summary>Smallest accepted cap.</summary>
    public const int MinimumMaxDistinctErrors = 1;

    /// <summary>Largest accepted cap.</summary>
    public const int MaximumMaxDistinctErrors = 1 << 20;

    /// <summary>Relative accuracy α of the median absolute error once sketched.</summary>
    public const double MedianRelativeAccuracy = RelativeErrorSketch.RelativeAccuracy;

    /// <summary>ε of the MAPE denominator max(|y|, ε): the float64 machine epsilon, 2^-52.</summary>
    public const double MapeEpsilon = 2.220446049250313e-16;

    private readonly ExactSum _absoluteErrorSum = new();
    private readonly ExactSum _errorSum = new();
    private readonly ExactSum _squaredErrorSum = new();
    private readonly ExactSum _percentageErrorSum = new();
    private readonly ExactSum _truthSum = new();
    private readonly ExactSum _truthSquareSum = new();
    private readonly AbsoluteErrorDistribution _absoluteErrors;
    private long _count;

    /// <summary>Creates an empty state.</summary>
    /// <param name="maxDistinctErrors">
    /// Distinct absolute errors kept exactly before the median is sketched, <see cref="MinimumMaxDistinctErrors"/> to
    /// <see cref="MaximumMaxDistinctErrors"/>.
    /// </param>
    public RegressionPerformanceState(int maxDistinctErrors = DefaultMaxDistinctErrors)
    {
        if (maxDistinctErrors is < MinimumMaxDistinctErrors or > MaximumMaxDistinctErrors)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDistinctErrors),
                maxDistinctErrors,
                $"The cap must be between {MinimumMaxDistinctErrors} and {MaximumMaxDistinctErrors}.");
        }

        _absoluteErrors = new AbsoluteErrorDistribution(maxDistinctErrors);
    }

    /// <summary>The cap on distinct absolute errors kept exactly.</summary>
    public int MaxDistinctErrors => _absoluteErrors.Cap;

    /// <summary>Rows counted.</summary>
    public long Count => _count;

    /// <summary>True when no row is counted.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Σ |actual − predicted| over the rows counted, correctly rounded from its exact sum.</summary>
    public double AbsoluteErrorSum => _absoluteErrorSum.ToDouble();

    /// <summary>Σ (actual − predicted)² over the rows counted, correctly rounded from its exact sum.</summary>
    public double SquaredErrorSum => _squaredErrorSum.ToDouble();

    /// <summary>True while the absolute errors are kept exactly (every metric is then exact).</summary>
    public bool IsExact => _absoluteErrors.IsExact;

    /// <summary>Counts one row.</summary>
    /// <param name="actual">The true value y.</param>
    /// <param name="predicted">The predicted value ŷ.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value, the error or a square is not finite.</exception>
    public void Add(double actual, double predicted)
    {
        var count = checked(_count + 1);
        var (error, absoluteError, percentageError) = Terms(actual, predicted);
        _absoluteErrors.Add(absoluteError);
        _absoluteErrorSum.Add(absoluteError);
        _errorSum.Add(error);
        AddSquare(_squaredErrorSum, error, subtract: false);
        _percentageErrorSum.Add(percentageError);
        _truthSum.Add(actual);
        AddSquare(_truthSquareSum, actual, subtract: false);
        _count = count;
    }

    /// <summary>Takes back one row counted by <see cref="Add"/> with the same values; the state is then the state that never saw it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value, the error or a square is not finite.</exception>
    /// <exception cref="InvalidOperationException">No row with that absolute error is counted; the state is unchanged.</exception>
    public void Remove(double actual, double predicted)
    {
        var (error, absoluteError, percentageError) = Terms(actual, predicted);
        if (_count == 0 || !_absoluteErrors.TryRemove(absoluteError))
        {
            throw new InvalidOperationException(
                "The row to remove is not counted in this state; it was never added, already removed, or added with other values.");
        }

        _absoluteErrorSum.Subtract(absoluteError);
        _errorSum.Subtract(error);
        AddSquare(_squaredErrorSum, error, subtract: true);
        _percentageErrorSum.Subtract(percentageError);
        _truthSum.Subtract(actual);
        AddSquare(_truthSquareSum, actual, subtract: true);
        _count--;
    }

    /// <summary>Adds every row of <paramref name="other"/>, which is left unchanged; this instance keeps its cap.</summary>
    public void Merge(RegressionPerformanceState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return;
        }

        if (ReferenceEquals(other, this))
        {
            other = Clone();
        }

        var count = checked(_count + other._count);
        _absoluteErrors.Merge(other._absoluteErrors);
        _absoluteErrorSum.Add(other._absoluteErrorSum);
        _errorSum.Add(other._errorSum);
        _squaredErrorSum.Add(other._squaredErrorSum);
        _percentageErrorSum.Add(other._percentageErrorSum);
        _truthSum.Add(other._truthSum);
        _truthSquareSum.Add(other._truthSquareSum);
        _count = count;
    }

    /// <summary>An independent copy.</summary>
    public RegressionPerformanceState Clone()
    {
        var copy = new RegressionPerformanceState(MaxDistinctErrors);
        copy._absoluteErrors.CopyFrom(_absoluteErrors);
        copy._absoluteErrorSum.CopyFrom(_absoluteErrorSum);
        copy._errorSum.CopyFrom(_errorSum);
        copy._squaredErrorSum.CopyFrom(_squaredErrorSum);
        copy._percentageErrorSum.CopyFrom(_percentageErrorSum);
        copy._truthSum.CopyFrom(_truthSum);
        copy._truthSquareSum.CopyFrom(_truthSquareSum);
        copy._count = _count;
        return copy;
    }

    private static (double Error, double AbsoluteError, double PercentageError) Terms(double actual, double predicted)
    {
        var error = actual - predicted;
        var absoluteError = Math.Abs(error);
        if (!double.IsFinite(actual * actual) || !double.IsFinite(predicted) || !double.IsFinite(error * error))
        {
            throw new ArgumentOutOfRangeException(
                double.IsFinite(actual * actual) ? nameof(predicted) : nameof(actual),
                "Values, their difference and their squares must be finite.");
        }

        // max(|y|, ε) as numpy: ε wins for |y| below it, including y = 0.
        return (error == 0 ? 0 : error, absoluteError, absoluteError / Math.Max(Math.Abs(actual), MapeEpsilon));
    }

    /// <summary>Adds (or subtracts) x² exactly: the rounded square and its rounding error x·x − fl(x·x).</summary>
    private static void AddSquare(ExactSum sum, double x, bool subtract)
    {
        var square = x * x;
        var roundingError = Math.FusedMultiplyAdd(x, x, -square);
        if (subtract)
        {
            sum.Subtract(square);
            sum.Subtract(roundingError);
        }
        else
        {
            sum.Add(square);
            sum.Add(roundingError);
        }
    }
}
