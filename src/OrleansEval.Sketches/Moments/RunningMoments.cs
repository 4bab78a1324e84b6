using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Moments;

/// <summary>
/// Count, mean, variance, minimum and maximum of a stream of finite values: Welford's one-pass update and the parallel
/// merge of Chan, Golub and LeVeque ("Updating formulae and a pairwise algorithm for computing sample variances", 1979).
/// A mutable sealed class, not thread-safe; <see cref="Clone"/> gives an independent copy.
/// </summary>
/// <remarks>
/// Merge is commutative bit for bit (the operands are put in a canonical order first) and associative up to rounding.
/// Binary format, version 1, little-endian, 42 bytes: type tag 0x02, version 1, count (int64), mean (double), sum of
/// squared deviations M2 (double), minimum (double), maximum (double). An empty instance has mean and M2 zero and
/// minimum and maximum NaN.
/// </remarks>
public sealed class RunningMoments
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "running moments";

    private long _count;
    private double _mean;
    private double _m2;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Number of values seen.</summary>
    public long Count => _count;

    /// <summary>True when no value has been seen.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Arithmetic mean; <see cref="double.NaN"/> when empty.</summary>
    public double Mean => _count == 0 ? double.NaN : _mean;

    /// <summary>Sum of squared deviations from the mean (M2).</summary>
    public double SumOfSquaredDeviations => _m2;

    /// <summary>Population variance M2 / n (ddof = 0); <see cref="double.NaN"/> when empty.</summary>
    public double Variance => _count == 0 ? double.NaN : _m2 / _count;

    /// <summary>Sample variance M2 / (n − 1) (ddof = 1); <see cref="double.NaN"/> with fewer than two values.</summary>
    public double SampleVariance => _count < 2 ? double.NaN : _m2 / (_count - 1);

    /// <summary>Population standard deviation √(M2 / n); <see cref="double.NaN"/> when empty.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Smallest value seen; <see cref="double.NaN"/> when empty.</summary>
    public double Min => _count == 0 ? double.NaN : _min;

    /// <summary>Largest value seen; <see cref="double.NaN"/> when empty.</summary>
    public double Max => _count == 0 ? double.NaN : _max;

    /// <summary>Adds one finite value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values can be added to running moments.");
        }

        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }

    /// <summary>Adds the values summarised by <paramref name="other"/>, which is left unchanged.</summary>
    public void Merge(RunningMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._count == 0)
        {
            return;
        }

        if (_count == 0)
        {
            CopyFrom(other);
            return;
        }

        var count = checked(_count + other._count);

        // The larger side is the base of the mean update (better conditioned), ties broken by value, so that
        // a.Merge(b) and b.Merge(a) perform the same floating-point operations.
        var (a, b) = Precedes(this, other) ? (this, other) : (other, this);
        var delta = b._mean - a._mean;
        var mean = a._mean + (delta * ((double)b._count / count));
        var m2 = a._m2 + b._m2 + (delta * delta * ((double)a._count * b._count / count));

        _count = count;
        _mean = mean;
        _m2 = m2;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>An independent copy.</summary>
    public RunningMoments Clone()
    {
        var copy = new RunningMoments();
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Serializes in the 42-byte version 1 format described on the type.</summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.RunningMoments, FormatVersion, 42);
        writer.WriteInt64(_count);
        writer.WriteDouble(_mean);
        writer.WriteDouble(_m2);
        writer.WriteDouble(Min);
        writer.WriteDouble(Max);
        return writer.ToArray();
    }

    /// <summary>Reads moments written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not well-formed running moments of a supported version.</exception>
    public static RunningMoments Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.RunningMoments, FormatVersion, TypeName);
        var count = reader.ReadInt64();
        var mean = reader.ReadDouble();
        var m2 = reader.ReadDouble();
        var min = reader.ReadDouble();
        var max = reader.ReadDouble();
        reader.EnsureEnd();

        if (count < 0)
        {
            throw reader.Corrupt($"negative count {count}");
        }

        if (count == 0)
        {
            if (mean != 0 || m2 != 0 || !double.IsNaN(min) || !double.IsNaN(max))
            {
                throw reader.Corrupt("an empty instance carries values");
            }

            return new RunningMoments();
        }

        // Mean and M2 may have overflowed to infinity for values near the double range, so only their sign is checked.
        if (!(double.IsFinite(min) && double.IsFinite(max) && min <= max) || double.IsNaN(mean) || !(m2 >= 0))
        {
            throw reader.Corrupt("the minimum, maximum, mean or M2 is invalid");
        }

        return new RunningMoments { _count = count, _mean = mean, _m2 = m2, _min = min, _max = max };
    }

    private static bool Precedes(RunningMoments x, RunningMoments y)
    {
        if (x._count != y._count)
        {
            return x._count > y._count;
        }

        if (x._mean != y._mean)
        {
            return x._mean < y._mean;
        }

        return x._m2 <= y._m2;
    }

    private void CopyFrom(RunningMoments other)
    {
        _count = other._count;
        _mean = other._mean;
        _m2 = other._m2;
        _min = other._min;
        _max = other._max;
    }
}
