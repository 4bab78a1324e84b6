namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// One encoded predicate column of a <see cref="SliceTable"/>: an int code per row (a category, or the bin of a numeric
/// feature; −1 is missing and matches no predicate) and the label of each code.
/// </summary>
public sealed class SliceColumn
{
    /// <summary>A column named <paramref name="name"/> whose row codes index <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is below −1 or has no label.</exception>
    public SliceColumn(string name, IReadOnlyList<int> codes, IReadOnlyList<string> labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(labels);
        var row = codes is int[] array ? FirstOutOfRange(array, labels.Count) : FirstOutOfRange(codes, labels.Count);
        if (row >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(codes), codes[row], $"Row {row} of column '{name}' has code {codes[row]}; a code must be −1 (missing) or below the {labels.Count} labels.");
        }

        Name = name;
        Codes = codes;
        Labels = labels;
    }

    /// <summary>The column's name, as conditions show it.</summary>
    public string Name { get; }

    /// <summary>The code of each row: an index into <see cref="Labels"/>, or −1 when the value is missing.</summary>
    public IReadOnlyList<int> Codes { get; }

    /// <summary>The label of each code, such as <c>PHX</c> or <c>[17, inf)</c>.</summary>
    public IReadOnlyList<string> Labels { get; }

    // The same check on an array, without an interface call per row: a million-row column is checked in a millisecond.
    private static int FirstOutOfRange(int[] codes, int labels)
    {
        for (var row = 0; row < codes.Length; row++)
        {
            if (codes[row] < -1 || codes[row] >= labels)
            {
                return row;
            }
        }

        return -1;
    }

    private static int FirstOutOfRange(IReadOnlyList<int> codes, int labels)
    {
        for (var row = 0; row < codes.Count; row++)
        {
            if (codes[row] < -1 || codes[row] >= labels)
            {
                return row;
            }
        }

        return -1;
    }
}
