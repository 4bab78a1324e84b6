namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// The input of a worst-slice search: n rows held as encoded predicate columns and a per-row error ≥ 0 (1 − correct for a
/// classifier, the absolute error for a regression).
/// </summary>
public sealed class SliceTable
{
    /// <summary>A table of <paramref name="errors"/>.Count rows; every column must have a code for each row.</summary>
    /// <exception cref="ArgumentException">A column's length differs from the rows, or two columns share a name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An error is negative, infinite or NaN.</exception>
    public SliceTable(IReadOnlyList<SliceColumn> columns, IReadOnlyList<double> errors)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(errors);
        for (var row = 0; row < errors.Count; row++)
        {
            if (!(errors[row] >= 0) || double.IsInfinity(errors[row]))
            {
                throw new ArgumentOutOfRangeException(nameof(errors), errors[row], $"The error of row {row} must be finite and ≥ 0.");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Codes.Count != errors.Count)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Codes.Count} codes for {errors.Count} rows.", nameof(columns));
            }

            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }

        Columns = columns;
        Errors = errors;
    }

    /// <summary>The predicate columns.</summary>
    public IReadOnlyList<SliceColumn> Columns { get; }

    /// <summary>The error of each row.</summary>
    public IReadOnlyList<double> Errors { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Errors.Count;
}
