using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The number of rows of a per-row loss, and the exact sums of the loss and of its square (each square rounded to the
/// nearest double, then added exactly in an <see cref="ExactSum"/>): what the mean of the loss and a test of its change
/// need. A row is taken back bit for bit by <see cref="Remove"/>, so sums are the same whatever order rows, corrections
/// and merges came in.
/// </summary>
public sealed class LossMoments
{
    private readonly ExactSum _sum = new();
    private readonly ExactSum _squares = new();

    /// <summary>Rows counted.</summary>
    public long Count { get; private set; }

    /// <summary>Σ loss, correctly rounded.</summary>
    public double Sum => _sum.ToDouble();

    /// <summary>Σ loss², correctly rounded.</summary>
    public double SumOfSquares => _squares.ToDouble();

    /// <summary>Counts a row's finite loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> or its square is not finite.</exception>
    public void Add(double loss)
    {
        var square = Square(loss);
        Count++;
        _sum.Add(loss);
        _squares.Add(square);
    }

    /// <summary>Takes back a row counted with <see cref="Add"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> or its square is not finite.</exception>
    public void Remove(double loss)
    {
        var square = Square(loss);
        Count--;
        _sum.Subtract(loss);
        _squares.Subtract(square);
    }

    /// <summary>Adds the rows of <paramref name="other"/>.</summary>
    public void Merge(LossMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        _sum.Add(other._sum);
        _squares.Add(other._squares);
    }

    /// <summary>A copy of these moments.</summary>
    public LossMoments Clone()
    {
        var copy = new LossMoments { Count = Count };
        copy._sum.CopyFrom(_sum);
        copy._squares.CopyFrom(_squares);
        return copy;
    }

    /// <summary>Writes the count (LEB128) and both sums in their canonical form.</summary>
    public void Write(SketchWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarCount(Count);
        _sum.Write(writer);
        _squares.Write(writer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not such moments.</exception>
    public static LossMoments Read(ref SketchReader reader)
    {
        var moments = new LossMoments { Count = reader.ReadVarCount() };
        moments._sum.CopyFrom(ExactSum.Read(ref reader, "the sum of a loss"));
        moments._squares.CopyFrom(ExactSum.Read(ref reader, "the sum of a loss's squares"));
        return moments;
    }

    private static double Square(double loss)
    {
        var square = loss * loss;
        return double.IsFinite(loss) && double.IsFinite(square)
            ? square
            : throw new ArgumentOutOfRangeException(nameof(loss), loss, "A loss and its square must be finite.");
    }
}
