using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// The two encodings that keep per-record columns small on the wire and in the ingest log: a column of bucket starts
/// as runs of equal values (the records of a batch fall in a few buckets), and a column of labels as codes into its
/// distinct labels (a category has few values).
/// </summary>
internal static class CompactColumns
{
    /// <summary>Missing label.</summary>
    public const int NoCode = -1;

    /// <summary>
    /// The runs of equal values in <paramref name="values"/>: run r holds <c>Starts[r]</c> for the records from
    /// <c>Ends[r - 1]</c> (0 for the first) up to, not including, <c>Ends[r]</c>.
    /// </summary>
    public static (ImmutableArray<long> Starts, ImmutableArray<int> Ends) Runs(IEnumerable<long> values)
    {
        var starts = ImmutableArray.CreateBuilder<long>();
        var ends = ImmutableArray.CreateBuilder<int>();
        var count = 0;
        foreach (var value in values)
        {
            count++;
            if (starts.Count > 0 && starts[^1] == value)
            {
                ends[^1] = count;
                continue;
            }

            starts.Add(value);
            ends.Add(count);
        }

        return (starts.ToImmutable(), ends.ToImmutable());
    }

    /// <summary>The value of record <paramref name="row"/> in runs <paramref name="starts"/> and <paramref name="ends"/>.</summary>
    public static long RunValue(ImmutableArray<long> starts, ImmutableArray<int> ends, int row)
    {
        var run = ends.AsSpan().BinarySearch(row + 1);
        return starts[run >= 0 ? run : ~run];
    }

    /// <summary>Number of records in runs ending at <paramref name="ends"/>.</summary>
    public static int RunLength(ImmutableArray<int> ends) => ends.IsDefaultOrEmpty ? 0 : ends[^1];

    /// <summary>The distinct labels of <paramref name="values"/> in order of first use, and each record's code (<see cref="NoCode"/> for null).</summary>
    public static (ImmutableArray<string> Labels, ImmutableArray<int> Codes) Encode(IEnumerable<string?> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = ImmutableArray.CreateBuilder<string>();
        var codes = ImmutableArray.CreateBuilder<int>();
        foreach (var value in values)
        {
            if (value is null)
            {
                codes.Add(NoCode);
                continue;
            }

            if (!index.TryGetValue(value, out var code))
            {
                code = labels.Count;
                index.Add(value, code);
                labels.Add(value);
            }

            codes.Add(code);
        }

        return (labels.ToImmutable(), codes.ToImmutable());
    }

    /// <summary>The label of a record's <paramref name="code"/>, null for <see cref="NoCode"/>.</summary>
    public static string? Decode(ImmutableArray<string> labels, int code) => code == NoCode ? null : labels[code];

    /// <summary>
    /// <paramref name="values"/> as they are, or empty when every one is NaN (the scores of a regression, the predicted
    /// values of a classifier): read back with <see cref="ValueAt"/>.
    /// </summary>
    public static ImmutableArray<double> UnlessAllNaN(ImmutableArray<double> values) =>
        values.All(double.IsNaN) ? [] : values;

    /// <summary>Record <paramref name="row"/>'s value in a column kept by <see cref="UnlessAllNaN"/>.</summary>
    public static double ValueAt(ImmutableArray<double> values, int row) => values.IsDefaultOrEmpty ? double.NaN : values[row];
}
